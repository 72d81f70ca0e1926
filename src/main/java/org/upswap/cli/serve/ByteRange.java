// One byte range of a file, from a request's Range header (RFC 9110 14.2):
// "bytes=N-", "bytes=N-M" or "bytes=-SUFFIX", with last inclusive as in
// Content-Range.
package org.upswap.cli.serve;

record ByteRange(long first, long last) {

    /** Every range asked for starts past the end: answer 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /**
     * The range {@code header} asks for in a file of {@code size} bytes; null
     * when there is no header, it is malformed or it names several ranges, in
     * which case the whole file is sent, as RFC 9110 allows.
     */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (!digits(from) || !digits(to) || from.isEmpty() && to.isEmpty()) {
            return null;
        }
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix == 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
            if (last < first) {
                return null;
            }
            return first >= size ? UNSATISFIABLE : new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null; // more digits than a long holds
        }
    }

    private static boolean digits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
