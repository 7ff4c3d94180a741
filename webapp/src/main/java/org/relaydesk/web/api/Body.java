package org.relaydesk.web.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.error.InvalidInputException;

/**
 * Typed reads from a JSON request body that tell "absent" from "null" (needed for partial updates)
 * and answer 400 naming the field when a value has the wrong type.
 */
final class Body {
    private final JsonObject json;

    Body(JsonObject json) {
        if (json == null) {
            throw new InvalidInputException("body", "a JSON object is required");
        }
        this.json = json;
    }

    boolean has(String field) {
        return json.containsKey(field);
    }

    /** The value as it came, for shapes the typed reads do not cover. */
    JsonValue raw(String field) {
        return json.get(field);
    }

    String string(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new InvalidInputException(field, "must be a string");
    }

    Boolean bool(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE || value.getValueType() == JsonValue.ValueType.TRUE
                || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw new InvalidInputException(field, "must be true or false");
    }

    Integer integer(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof jakarta.json.JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new InvalidInputException(field, "is out of range");
            }
        }
        throw new InvalidInputException(field, "must be a whole number");
    }

    /** A number of hours (decimals allowed) as whole minutes; null when absent. */
    Integer hoursAsMinutes(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof jakarta.json.JsonNumber n) {
            double minutes = n.doubleValue() * 60;
            if (!Double.isFinite(minutes) || minutes > Integer.MAX_VALUE || minutes < Integer.MIN_VALUE) {
                throw new InvalidInputException(field, "is too large");
            }
            return (int) Math.round(minutes);
        }
        throw new InvalidInputException(field, "must be a number of hours");
    }

    UUID id(String field) {
        return Params.optionalId(string(field), field);
    }

    /** null when absent; empty Optional when explicitly null (clear the field). */
    Optional<UUID> nullableId(String field) {
        if (!has(field)) {
            return null;
        }
        return Optional.ofNullable(id(field));
    }

    /** An array of ids; empty when absent. */
    java.util.List<UUID> ids(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return java.util.List.of();
        }
        if (!(value instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            throw new InvalidInputException(field, "must be an array of ids");
        }
        if (array.getValuesAs(JsonString.class).stream().anyMatch(s -> s.getString().isBlank())) {
            throw new InvalidInputException(field, "must be an array of ids");
        }
        return array.getValuesAs(JsonString.class).stream().map(s -> Params.optionalId(s.getString(), field)).distinct().toList();
    }

    Set<String> strings(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidInputException(field, "must be an array of strings");
        }
        Set<String> result = new LinkedHashSet<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                throw new InvalidInputException(field, "must be an array of strings");
            }
            result.add(s.getString());
        }
        return result;
    }

    String object(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw new InvalidInputException(field, "must be a JSON object");
        }
        return object.toString();
    }

    JsonObject nested(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw new InvalidInputException(field, "must be a JSON object");
        }
        return object;
    }
}
