package org.upswap.it;

/**
 * One byte range of a file, from a request's {@code Range} header
 * ({@code bytes=N-}, {@code bytes=N-M} or {@code bytes=-SUFFIX}), with
 * {@code last} inclusive as in {@code Content-Range}.
 */
record ByteRange(long first, long last) {
    /** The request asks only for bytes past the end: answer 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /**
     * The range {@code header} asks for in a file of {@code size} bytes, or
     * null when there is no header, it is malformed or names several ranges:
     * the whole file is then sent with 200, as RFC 9110 allows.
     */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring("bytes=".length());
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        long first;
        long last;
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix < 0) {
                    return null;
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
                if (suffix == 0) {
                    return UNSATISFIABLE;
                }
            } else {
                first = Long.parseLong(from);
                last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
                if (first < 0 || last < first) {
                    return null;
                }
                last = Math.min(last, size - 1);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return first >= size ? UNSATISFIABLE : new ByteRange(first, last);
    }
}
