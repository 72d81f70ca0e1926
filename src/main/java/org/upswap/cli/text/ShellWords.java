// A command line written so that a POSIX shell reads it back as the same
// words: plain words as they are, anything else in single quotes.
package org.upswap.cli.text;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

public final class ShellWords {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=+,@%-]+");

    private ShellWords() {
    }

    /** minisign -t 'upswap feed demo' -m feed.json */
    public static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
