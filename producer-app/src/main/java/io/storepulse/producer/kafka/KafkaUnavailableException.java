package io.storepulse.producer.kafka;

/** The broker did not acknowledge a write in time: nothing of it may be reported as accepted. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
