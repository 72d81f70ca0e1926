// Commands printed for people to paste into a shell.
package org.upswap.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void plainWordsStayAsTheyAre() {
        assertThat(ShellWords.join(List.of("minisign", "-S", "-m", "/srv/feed/feed.json", "key=RWQ+a/b")))
                .isEqualTo("minisign -S -m /srv/feed/feed.json key=RWQ+a/b");
    }

    @Test
    void anythingElseIsSingleQuotedWithQuotesEscaped() {
        assertThat(ShellWords.join(List.of("-t", "upswap feed demo", "it's", "$HOME", "")))
                .isEqualTo("-t 'upswap feed demo' 'it'\\''s' '$HOME' ''");
    }
}
