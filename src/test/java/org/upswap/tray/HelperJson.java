// Targets and events as the helper puts them on the wire, for scripting the
// ScriptedHelper behind a real UpdatesModel.
package org.upswap.tray;

final class HelperJson {

    static final String SHA = "a".repeat(64);

    private HelperJson() {
    }

    /** An idle target with {@code offered} available (null for none) and optionally a failure. */
    static String target(String name, String installed, String offered, String errorMessage) {
        String available = offered == null ? "null"
                : "{\"version\":\"" + offered + "\",\"size\":18312,\"sha256\":\"" + SHA
                        + "\",\"notes\":\"Faster start-up.\",\"critical\":false}";
        String lastError = errorMessage == null ? "null"
                : "{\"code\":\"verify-failed\",\"message\":\"" + errorMessage + "\"}";
        return "{\"name\":\"" + name + "\",\"state\":\"idle\",\"path\":\"/opt/" + name + "/bin/" + name + "\","
                + "\"source\":\"https://example.org/" + name + "/feed.json\",\"restart\":\"none\",\"interval\":21600,"
                + "\"installed\":{\"version\":\"" + installed + "\",\"sha256\":\"" + SHA + "\",\"modified\":false},"
                + "\"available\":" + available + ",\"previous\":null,\"last_check\":1764860000,"
                + "\"last_error\":" + lastError + ",\"processes\":[]}";
    }

    static String targets(String... targets) {
        return "{\"targets\":[" + String.join(",", targets) + "]}";
    }

    static String stateEvent(String target) {
        return "{\"kind\":\"event\",\"event\":\"state\",\"target\":" + target + "}";
    }

    static String progressEvent(String target, long job, String phase, long done, long total) {
        return "{\"kind\":\"event\",\"event\":\"progress\",\"target\":\"" + target + "\",\"job\":" + job
                + ",\"phase\":\"" + phase + "\",\"done\":" + done + ",\"total\":" + total + ",\"rate\":1048576}";
    }
}
