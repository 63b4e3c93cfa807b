package io.storepulse.serving.query;

/**
 * The processor did not give the whole answer: {@code 503} (its state is not queryable now, or its partitions are
 * moving) carries the {@code Retry-After} to pass on; any other status means something is wrong with it.
 */
public class ProcessorRefusedException extends RuntimeException {

    private final int status;
    private final String retryAfter;

    public ProcessorRefusedException(int status, String retryAfter, String reason) {
        super(reason);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** The processor's {@code Retry-After}; null when it sent none. */
    public String retryAfter() {
        return retryAfter;
    }
}
