package io.storepulse.service.http;

/** A request parameter that is missing or breaks its rule: answered {@code 400} naming the parameter. */
public class BadParameterException extends RuntimeException {

    public BadParameterException(String parameter, String rule) {
        super(parameter + ": " + rule);
    }
}
