package org.relaydesk.web.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.web.error.Problem;

/**
 * The one way a JSON request body becomes the {@link JsonObject} a resource takes (it takes precedence
 * over the runtime's own JSON-P reader, which let wrong shapes, empty bodies, deep nesting, huge numbers and
 * NUL characters through to the resources, where they ended as 500s).
 *
 * <p>A body is refused with 400 naming the offending field when it is empty, not UTF-8, not JSON,
 * nested deeper than {@link #MAX_DEPTH}, of another JSON type than the resource takes (an array, a
 * string or {@code null} where an object is expected), carries a number that is longer than
 * {@link #MAX_NUMBER_CHARS} or outside ±10^{@value #MAX_NUMBER_DIGITS} (1e999999 would make any
 * exact integer conversion hang), or a string or name containing U+0000. NUL is refused rather than
 * stripped: PostgreSQL's text cannot store it, no help-desk text means anything by it, and silently
 * changing what a client sent would hide the client's bug. A body over {@link #MAX_BYTES} is 413.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class JsonBodyReader implements MessageBodyReader<JsonObject> {
    /** Far deeper than any request of the API (workflow conditions are the deepest, at 4). */
    public static final int MAX_DEPTH = 32;
    public static final int MAX_NUMBER_CHARS = 40;
    /** Every number the API takes fits a Java long; a little headroom for decimals. */
    public static final int MAX_NUMBER_DIGITS = 18;
    /** Text of a ticket or reply (with pasted inline images) fits with room; files go through the upload endpoints. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String BODY = "body";

    /**
     * Declared for JsonObject (what every resource takes), not JsonValue: JAX-RS picks the reader of
     * the closest type first, and the runtime's own reader is declared for JsonValue and any media type.
     */
    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entity) throws IOException {
        requireJson(mediaType);
        byte[] bytes = entity == null ? new byte[0] : entity.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new WebApplicationException(Problem.of(413, "Content Too Large",
                    "The request body is larger than " + (MAX_BYTES / (1024 * 1024)) + " MB", null));
        }
        return read(type, bytes).asJsonObject();
    }

    /** The checks and the parse, without JAX-RS around them (what the fuzz test drives). */
    public static JsonValue read(Class<?> type, byte[] bytes) {
        String text = utf8(bytes);
        if (text.isBlank()) {
            throw new InvalidInputException(BODY, "is empty; send " + expected(type));
        }
        check(text);
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException | ArithmeticException | NumberFormatException e) {
            throw new InvalidInputException(BODY, "is not valid JSON");
        }
        if (!type.isInstance(value)) {
            throw new InvalidInputException(BODY, "must be " + expected(type) + ", not " + describe(value));
        }
        return value;
    }

    private static void requireJson(MediaType mediaType) {
        boolean json = mediaType != null && (MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType) && !mediaType.isWildcardType()
                && !mediaType.isWildcardSubtype() || mediaType.getSubtype().endsWith("+json") || "text/json".equals(mediaType.getType() + "/" + mediaType.getSubtype()));
        if (!json) {
            throw new NotSupportedException(Problem.of(415, "Unsupported Media Type", "Send the body as application/json", null));
        }
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw new NotSupportedException(Problem.of(415, "Unsupported Media Type", "JSON is read as UTF-8 only (RFC 8259)", null));
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            // A byte order mark is tolerated (RFC 8259 lets a parser ignore it).
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(BODY, "is not valid UTF-8");
        }
    }

    /** One streaming pass before anything is built: depth, numbers and NUL, naming where they are. */
    private static void check(String text) {
        // Per open container: the name it has in its parent (null at the top) and, for arrays, the next index.
        List<String> path = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        String key = null;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        path.add(here(key, indexes));
                        indexes.add(event == JsonParser.Event.START_ARRAY ? 0 : -1);
                        key = null;
                        if (indexes.size() > MAX_DEPTH) {
                            throw new InvalidInputException(field(path, null), "is nested deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.remove(path.size() - 1);
                        indexes.remove(indexes.size() - 1);
                        advance(indexes);
                        key = null;
                    }
                    case KEY_NAME -> {
                        key = parser.getString();
                        if (key.indexOf('\0') >= 0) {
                            throw new InvalidInputException(field(path, null), "has a field name containing a NUL character (U+0000)");
                        }
                    }
                    case VALUE_STRING -> {
                        if (parser.getString().indexOf('\0') >= 0) {
                            throw new InvalidInputException(field(path, here(key, indexes)), "contains a NUL character (U+0000), which text cannot hold");
                        }
                        advance(indexes);
                        key = null;
                    }
                    case VALUE_NUMBER -> {
                        checkNumber(parser.getString(), field(path, here(key, indexes)));
                        advance(indexes);
                        key = null;
                    }
                    default -> {
                        advance(indexes);
                        key = null;
                    }
                }
            }
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new InvalidInputException(BODY, "is not valid JSON" + position(e));
        }
    }

    private static void checkNumber(String literal, String field) {
        if (literal.length() > MAX_NUMBER_CHARS) {
            throw new InvalidInputException(field, "is a number with more than " + MAX_NUMBER_CHARS + " characters");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(literal);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "is not a number");
        }
        // precision - scale is the count of digits before the point: bounded without expanding 1e999999.
        if (number.signum() != 0 && (number.precision() - number.scale() > MAX_NUMBER_DIGITS || number.scale() > MAX_NUMBER_CHARS)) {
            throw new InvalidInputException(field, "is out of range");
        }
    }

    private static String here(String key, List<Integer> indexes) {
        if (key != null) {
            return key;
        }
        if (indexes.isEmpty()) {
            return null;
        }
        int index = indexes.get(indexes.size() - 1);
        return index >= 0 ? "[" + index + "]" : null;
    }

    private static void advance(List<Integer> indexes) {
        if (!indexes.isEmpty() && indexes.get(indexes.size() - 1) >= 0) {
            indexes.set(indexes.size() - 1, indexes.get(indexes.size() - 1) + 1);
        }
    }

    /** body, subject, actions[2].params.text: the path of a value for the error message. */
    private static String field(List<String> path, String last) {
        StringBuilder name = new StringBuilder();
        List<String> segments = new ArrayList<>(path);
        segments.add(last);
        for (String segment : segments) {
            if (segment == null) {
                continue;
            }
            if (name.length() > 0 && !segment.startsWith("[")) {
                name.append('.');
            }
            name.append(segment);
            if (name.length() > 200) {
                return name.substring(0, 200) + "…";
            }
        }
        return name.length() == 0 ? BODY : name.toString();
    }

    private static String position(RuntimeException e) {
        if (e instanceof jakarta.json.stream.JsonParsingException p && p.getLocation() != null) {
            return " (at line " + p.getLocation().getLineNumber() + ", column " + p.getLocation().getColumnNumber() + ")";
        }
        return "";
    }

    private static String expected(Class<?> type) {
        if (type == JsonObject.class) {
            return "a JSON object";
        }
        if (type == JsonArray.class) {
            return "a JSON array";
        }
        if (type == JsonStructure.class) {
            return "a JSON object or array";
        }
        return "a JSON value";
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
