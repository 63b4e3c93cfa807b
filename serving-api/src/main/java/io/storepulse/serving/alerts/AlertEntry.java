package io.storepulse.serving.alerts;

import io.storepulse.avro.FraudAlert;

/** One alert as read from fraud-alerts: where it was, and where a reader stands once it has seen it. */
public record AlertEntry(int partition, long offset, FraudAlert alert, ResumeToken tokenAfter) {
}
