package io.storepulse.model.codec;

/** A record's bytes could not be turned into the expected Avro type (or back). */
public class CodecException extends RuntimeException {

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
