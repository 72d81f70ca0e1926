// How versions rank, exactly as upswap-helper ranks them (helper/src/version.c),
// so the publisher's "newest" and "min_from" mean what the helper will do:
//  - '+' starts build metadata, which is ignored;
//  - the first '-' or '~' before it starts a pre-release, which sorts before
//    the plain release (1.0-rc1 < 1.0);
//  - the rest compares as dot-separated fields: digits numerically (any
//    length), other text byte by byte, numbers before words; a missing field
//    counts as 0 (1.2 = 1.2.0); pre-releases compare the same way.
package org.upswap.publish;

import java.util.Comparator;

public final class VersionOrder implements Comparator<String> {

    public static final VersionOrder INSTANCE = new VersionOrder();

    private VersionOrder() {
    }

    @Override
    public int compare(String a, String b) {
        Parts left = Parts.of(a);
        Parts right = Parts.of(b);
        int main = compareDotted(left.main(), right.main());
        if (main != 0) {
            return main;
        }
        if ((left.preRelease() == null) != (right.preRelease() == null)) {
            return left.preRelease() != null ? -1 : 1;
        }
        return left.preRelease() == null ? 0 : compareDotted(left.preRelease(), right.preRelease());
    }

    /** A version split into its main part and its pre-release part (null if none); build metadata dropped. */
    private record Parts(String main, String preRelease) {

        static Parts of(String version) {
            int build = indexOfAny(version, "+");
            int pre = indexOfAny(version, "-~");
            if (pre < build) {
                return new Parts(version.substring(0, pre), version.substring(pre + 1, build));
            }
            return new Parts(version.substring(0, build), null);
        }

        private static int indexOfAny(String s, String chars) {
            for (int i = 0; i < s.length(); i++) {
                if (chars.indexOf(s.charAt(i)) >= 0) {
                    return i;
                }
            }
            return s.length();
        }
    }

    private static int compareDotted(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int endA = fieldEnd(a, i);
            int endB = fieldEnd(b, j);
            int c = compareField(i < a.length() ? a.substring(i, endA) : "0",
                    j < b.length() ? b.substring(j, endB) : "0");
            if (c != 0) {
                return c;
            }
            i = Math.min(a.length(), endA + 1);
            j = Math.min(b.length(), endB + 1);
        }
        return 0;
    }

    private static int fieldEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    private static int compareField(String a, String b) {
        boolean numericA = isNumber(a);
        boolean numericB = isNumber(b);
        if (numericA && numericB) {
            String x = stripLeadingZeros(a);
            String y = stripLeadingZeros(b);
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        // Versions are ASCII, so comparing chars is comparing bytes.
        return Integer.signum(a.compareTo(b));
    }

    private static boolean isNumber(String field) {
        if (field.isEmpty()) {
            return false;
        }
        for (int i = 0; i < field.length(); i++) {
            if (field.charAt(i) < '0' || field.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripLeadingZeros(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.substring(start);
    }
}
