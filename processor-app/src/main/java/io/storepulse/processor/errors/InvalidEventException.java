package io.storepulse.processor.errors;

import java.util.List;

/** A well-formed record that breaks a rule of CONTRACT section 3; its message lists every broken rule. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(List<String> errors) {
        super(String.join("; ", errors));
    }
}
