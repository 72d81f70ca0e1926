package org.upswap.it;

/**
 * A misbehaviour {@link FeedServer} shows for one path until cleared: the
 * ways a real server or network lets a downloader down.
 */
sealed interface FeedFault {
    /** The full Content-Length, then {@code bytes} of the body, then the connection is closed. */
    record DropAfter(long bytes) implements FeedFault {
    }

    /** 200 with a chunked body that never ends; goes on until the client hangs up. */
    record Endless() implements FeedFault {
    }

    /** Content-Length says {@code claimed} whatever the file's real size. */
    record LieLength(long claimed) implements FeedFault {
    }

    /** {@code afterBytes} of the body, then nothing for {@code millis}, then the rest. */
    record Stall(long afterBytes, long millis) implements FeedFault {
    }

    /** The body at no more than {@code bytesPerSecond}. */
    record Slow(long bytesPerSecond) implements FeedFault {
    }

    /** This status instead of the file, with a short text body where one is allowed. */
    record Status(int code) implements FeedFault {
    }

    /** 302 pointing at {@code location}. */
    record Redirect(String location) implements FeedFault {
    }
}
