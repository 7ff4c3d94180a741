package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON through the Parsson packed into this plugin, named directly (no service lookup across class
 * loaders), with lenient accessors: Meta's payloads leave out what does not apply, and a field of an
 * unexpected type reads as absent rather than failing the whole webhook.
 */
final class Json {
    static final JsonProvider PROVIDER = new org.eclipse.parsson.JsonProviderImpl();

    private Json() {
    }

    /** The object, or null when the bytes are not a JSON object. */
    static JsonObject object(byte[] bytes) {
        try (var reader = PROVIDER.createReader(new java.io.InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return null;
        }
    }

    static JsonObject object(String text) {
        return text == null ? null : object(text.getBytes(StandardCharsets.UTF_8));
    }

    static JsonObjectBuilder builder() {
        return PROVIDER.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    static String write(JsonValue value) {
        StringWriter out = new StringWriter();
        try (var writer = PROVIDER.createWriter(out)) {
            writer.write(value);
        }
        return out.toString();
    }

    static byte[] bytes(JsonValue value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The member as text (a number or boolean as written), or null when absent, null or a structure. */
    static String text(JsonObject object, String key) {
        if (object == null) {
            return null;
        }
        JsonValue value = object.get(key);
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> null;
        };
    }

    /** The member as text, or null when absent or blank. */
    static String nonBlank(JsonObject object, String key) {
        String value = text(object, key);
        return value == null || value.isBlank() ? null : value;
    }

    static JsonObject obj(JsonObject object, String key) {
        JsonValue value = object == null ? null : object.get(key);
        return value instanceof JsonObject o ? o : null;
    }

    static JsonArray arr(JsonObject object, String key) {
        JsonValue value = object == null ? null : object.get(key);
        return value instanceof JsonArray a ? a : null;
    }

    /** The objects of the member's array, skipping anything else; empty when there is none. */
    static List<JsonObject> objects(JsonObject object, String key) {
        JsonArray array = arr(object, key);
        return array == null ? List.of() : array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    static boolean flag(JsonObject object, String key) {
        return "true".equals(text(object, key));
    }

    /**
     * A whole number (a timestamp, a size, an error code) as a long, or null when it is none. The
     * exponent is looked at before any digit is made: turning "1e999999999" into a long would first
     * write out a billion digits.
     */
    static Long number(JsonObject object, String key) {
        String value = text(object, key);
        return value == null ? null : wholeNumber(value.trim());
    }

    static Long wholeNumber(String value) {
        if (value.length() > 40) {
            return null; // no timestamp, size or code is written with this many characters
        }
        try {
            java.math.BigDecimal number = new java.math.BigDecimal(value);
            int digitsBeforePoint = number.precision() - number.scale();
            if (digitsBeforePoint > 19) {
                return null; // beyond a long
            }
            if (digitsBeforePoint <= 0) {
                return 0L; // a fraction of one, however small
            }
            return number.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * A number as people write it ("12.50", "-3.5", "0.0001"), for text an agent reads; one with an
     * absurd exponent stays in its short scientific form ("1E+999999999") instead of being written out.
     */
    static String readable(JsonNumber value) {
        java.math.BigDecimal number = value.bigDecimalValue();
        int digitsBeforePoint = number.precision() - number.scale();
        if (digitsBeforePoint > 40 || digitsBeforePoint < -40 || number.precision() > 100) {
            return number.toString(); // as short as it was written
        }
        return number.stripTrailingZeros().toPlainString();
    }
}
