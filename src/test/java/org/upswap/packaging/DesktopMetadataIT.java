package org.upswap.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What desktops and polkit read: the launcher and autostart entries
 * (desktop-file-validate), the AppStream metadata (appstreamcli), the polkit
 * policy (its DTD, its actions and defaults, which the helper and the tests
 * rely on, and icons that exist).
 */
class DesktopMetadataIT {
    static BuiltPackage pkg;

    @BeforeAll
    static void build() {
        pkg = BuiltPackage.get();
    }

    @Test
    void desktopEntriesValidate() {
        for (String entry : List.of("/usr/share/applications/upswap.desktop", "/etc/xdg/autostart/upswap.desktop")) {
            Command c = Command.run("desktop-file-validate", pkg.file(entry).toString());
            assertThat(c.exit()).as(entry + ": " + c.output()).isZero();
            assertThat(c.output()).as(entry).doesNotContain("error:", "warning:");
        }
    }

    @Test
    void desktopEntriesStartTheAppWithOptionsItHas() throws Exception {
        String help = Command.ok("java", "-cp", BuiltPackage.BASEDIR.resolve("target/upswap.jar") + ":"
                + BuiltPackage.BASEDIR.resolve("target/lib") + "/*", "org.upswap.desktop.UpswapDesktop", "--help").out();
        assertThat(java.nio.file.Files.readString(pkg.file("/usr/share/applications/upswap.desktop")))
                .contains("\nExec=upswap-desktop\n", "\nIcon=upswap\n");
        assertThat(java.nio.file.Files.readString(pkg.file("/etc/xdg/autostart/upswap.desktop")))
                .contains("\nExec=upswap-desktop --hidden\n");
        assertThat(help).contains("--hidden");
        assertThat(pkg.paths()).contains("/usr/bin/upswap-desktop");
    }

    @Test
    void appStreamMetadataValidates() {
        Command c = Command.run("appstreamcli", "validate", "--no-net",
                pkg.file("/usr/share/metainfo/org.upswap.Upswap.metainfo.xml").toString());
        assertThat(c.exit()).as(c.output()).isZero();
        assertThat(c.output()).contains("Validation was successful");
    }

    @Test
    void polkitPolicyIsValidAndKeepsItsActions() throws Exception {
        Path policy = pkg.file("/usr/share/polkit-1/actions/org.upswap.policy");
        Command c = Command.run("xmllint", "--noout", "--dtdvalid", "/usr/share/polkit-1/policyconfig-1.dtd",
                policy.toString());
        assertThat(c.exit()).as(c.output()).isZero();

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(policy.toFile());
        Map<String, String> defaults = new LinkedHashMap<>();
        List<String> icons = new ArrayList<>(List.of(text(doc.getDocumentElement(), "icon_name")));
        NodeList actions = doc.getElementsByTagName("action");
        for (int i = 0; i < actions.getLength(); i++) {
            Element a = (Element) actions.item(i);
            Element d = (Element) a.getElementsByTagName("defaults").item(0);
            defaults.put(a.getAttribute("id"), text(d, "allow_any") + "/" + text(d, "allow_inactive") + "/"
                    + text(d, "allow_active"));
            String icon = text(a, "icon_name");
            if (!icon.isEmpty()) {
                icons.add(icon);
            }
            assertThat(((Element) a.getElementsByTagName("message").item(0)).getAttribute("gettext-domain"))
                    .as("translatable message of " + a.getAttribute("id")).isEqualTo("upswap");
        }
        assertThat(defaults).containsExactly(
                Map.entry("org.upswap.check", "yes/yes/yes"),
                Map.entry("org.upswap.update", "auth_admin_keep/auth_admin_keep/yes"),
                Map.entry("org.upswap.downgrade", "auth_admin/auth_admin/auth_admin"),
                Map.entry("org.upswap.rollback", "auth_admin/auth_admin/auth_admin"),
                Map.entry("org.upswap.configure", "auth_admin/auth_admin/auth_admin"),
                Map.entry("org.upswap.restart", "auth_admin/auth_admin/auth_admin"));
        for (String icon : icons) {
            assertThat(pkg.paths()).as("icon " + icon)
                    .anyMatch(p -> p.startsWith("/usr/share/icons/hicolor/") && p.matches(".*/" + icon + "\\.(png|svg)"));
        }
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        // Direct children only: the vendor's icon_name is not an action's.
        for (int i = 0; i < n.getLength(); i++) {
            if (n.item(i).getParentNode() == parent) {
                return n.item(i).getTextContent().strip();
            }
        }
        return "";
    }
}
