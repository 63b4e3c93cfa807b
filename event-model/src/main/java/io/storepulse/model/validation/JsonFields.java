package io.storepulse.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of one JSON event's fields; every problem is added to the shared error list, never thrown. */
final class JsonFields {

    private final JsonNode node;
    private final String prefix;
    private final List<String> errors;

    JsonFields(JsonNode node, String prefix, List<String> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    private void error(String name, String message) {
        errors.add(prefix + name + ": " + message);
    }

    String requiredText(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            error(name, "required");
            return null;
        }
        return text(name, value);
    }

    String optionalText(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : text(name, value);
    }

    private String text(String name, JsonNode value) {
        if (!value.isTextual()) {
            error(name, "must be a string");
            return null;
        }
        return value.textValue();
    }

    <E extends Enum<E>> E requiredEnum(String name, E[] symbols) {
        String text = requiredText(name);
        if (text == null) {
            return null;
        }
        for (E symbol : symbols) {
            if (symbol.name().equals(text)) {
                return symbol;
            }
        }
        StringBuilder known = new StringBuilder();
        for (E symbol : symbols) {
            known.append(known.length() == 0 ? "" : ", ").append(symbol.name());
        }
        error(name, "unknown value '" + text + "', expected one of " + known);
        return null;
    }

    Integer requiredInt(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            error(name, "required");
            return null;
        }
        return integer(name, value);
    }

    private Integer integer(String name, JsonNode value) {
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            error(name, "must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
            return null;
        }
        return value.intValue();
    }

    BigDecimal requiredDecimal(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            error(name, "required");
            return null;
        }
        if (!value.isNumber()) {
            error(name, "must be a number");
            return null;
        }
        return value.decimalValue();
    }

    Instant requiredInstant(String name) {
        String text = requiredText(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO-8601 instant such as 2026-11-21T10:00:00.123Z, was '" + text + "'");
            return null;
        }
    }

    /** A flat object of scalar values, as strings; missing or null gives an empty map. */
    Map<String, String> optionalStringMap(String name) {
        JsonNode value = node.get(name);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            error(name, "must be an object");
            return map;
        }
        var fields = value.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode entry = field.getValue();
            if (entry.isNull()) {
                continue;
            }
            if (!entry.isValueNode()) {
                error(name + "." + field.getKey(), "must be a string, number or boolean");
                continue;
            }
            map.put(field.getKey(), entry.asText());
        }
        return map;
    }

    JsonNode array(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            error(name, "required");
            return null;
        }
        if (!value.isArray()) {
            error(name, "must be an array");
            return null;
        }
        return value;
    }
}
