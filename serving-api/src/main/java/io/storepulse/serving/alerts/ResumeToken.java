package io.storepulse.serving.alerts;

import java.util.Arrays;

/**
 * Where a reader of fraud-alerts stands: for each partition, the offset of the next alert it has not seen. Sent as
 * the SSE event id ({@code 0-12.1-7.2-0}), so a client reconnecting with {@code Last-Event-ID} resumes exactly
 * after the last alert it received. Immutable.
 */
public final class ResumeToken {

    private final long[] next;

    ResumeToken(long[] next) {
        this.next = next;
    }

    static ResumeToken start(int partitions) {
        return new ResumeToken(new long[partitions]);
    }

    /** The token after also having seen {@code offset} of {@code partition}. */
    ResumeToken after(int partition, long offset) {
        long[] moved = Arrays.copyOf(next, next.length);
        moved[partition] = Math.max(moved[partition], offset + 1);
        return new ResumeToken(moved);
    }

    /** True when a reader at this token has not yet seen {@code offset} of {@code partition}. */
    boolean isBefore(int partition, long offset) {
        return partition >= next.length || offset >= next[partition];
    }

    long next(int partition) {
        return partition < next.length ? next[partition] : 0;
    }

    /** Parses a token; throws {@link IllegalArgumentException} with the reason when it is not one. */
    static ResumeToken parse(String text, int partitions) {
        long[] next = new long[partitions];
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty resume token");
        }
        for (String part : text.split("\\.")) {
            String[] pair = part.split("-");
            if (pair.length != 2) {
                throw new IllegalArgumentException("not a resume token: " + text);
            }
            int partition;
            long offset;
            try {
                partition = Integer.parseInt(pair[0]);
                offset = Long.parseLong(pair[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a resume token: " + text);
            }
            if (partition < 0 || partition >= partitions || offset < 0) {
                throw new IllegalArgumentException("resume token names partition " + partition + " offset " + offset
                        + "; fraud-alerts has " + partitions + " partitions");
            }
            next[partition] = offset;
        }
        return new ResumeToken(next);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < next.length; p++) {
            text.append(p == 0 ? "" : ".").append(p).append('-').append(next[p]);
        }
        return text.toString();
    }
}
