package io.storepulse.serving.rest;

/** A backend (Redis, the processor) cannot answer now: answered {@code 503} with {@code Retry-After}. */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String what, Throwable cause) {
        super(what + " cannot be reached: " + cause.getMessage(), cause);
    }
}
