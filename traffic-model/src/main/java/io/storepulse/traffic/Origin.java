package io.storepulse.traffic;

/** Why a record is in the stream; consumers and tests use it to score and to check the stream's shape. */
public enum Origin {
    /** An on-time event of a legit shopper, or a stock movement. */
    NORMAL,
    /** An event of an injected fraud episode. */
    FRAUD,
    /** A legit event arriving 1 s to grace/2 after its event time. */
    LATE,
    /** A legit event arriving 1 to 5 minutes after the grace period has passed. */
    LATE_BEYOND_GRACE,
    /** An unchanged resend of a recently emitted event. */
    DUPLICATE,
    /** Bytes on an input topic that no codec can decode. */
    MALFORMED,
    /** The description of an injected fraud episode, on {@code ground-truth.fraud}. */
    GROUND_TRUTH
}
