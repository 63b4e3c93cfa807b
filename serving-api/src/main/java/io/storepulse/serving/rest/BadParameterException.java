package io.storepulse.serving.rest;

/** A request parameter that breaks its rule: answered {@code 400} naming the parameter. */
public class BadParameterException extends RuntimeException {

    public BadParameterException(String parameter, String rule) {
        super(parameter + ": " + rule);
    }
}
