package org.relaydesk.web.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relaydesk.core.error.InvalidInputException;

/** Every malformed body the API used to answer with a 500 is now a 400 that names what is wrong. */
class JsonBodyReaderTest {

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of("an array", "[]", "body", "must be a JSON object, not an array"),
                Arguments.of("a string", "\"hello\"", "body", "must be a JSON object, not a string"),
                Arguments.of("null", "null", "body", "must be a JSON object, not null"),
                Arguments.of("a number", "42", "body", "must be a JSON object, not a number"),
                Arguments.of("empty", "", "body", "is empty"),
                Arguments.of("blank", " \n\t ", "body", "is empty"),
                Arguments.of("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000), "[0][0][0]", "nested deeper than"),
                Arguments.of("objects nested 5000 deep", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000), "a.a.a", "nested deeper than"),
                Arguments.of("1e999999", "{\"rating\":1e999999}", "rating", "out of range"),
                Arguments.of("1e-999999", "{\"rating\":1e-999999}", "rating", "out of range"),
                Arguments.of("a too-large integer", "{\"position\":123456789012345678901234567890}", "position", "out of range"),
                Arguments.of("a very long number", "{\"position\":1" + "0".repeat(100) + "}", "position", "more than 40 characters"),
                Arguments.of("NUL in a string", "{\"subject\":\"before\\u0000after\"}", "subject", "NUL"),
                Arguments.of("NUL in an array item", "{\"tags\":[\"ok\",\"x\\u0000\"]}", "tags[1]", "NUL"),
                Arguments.of("NUL in a nested field", "{\"config\":{\"form.title\":\"\\u0000\"}}", "config.form.title", "NUL"),
                Arguments.of("NUL in a field name", "{\"a\\u0000\":1}", "body", "NUL"),
                Arguments.of("truncated", "{\"subject\":", "body", "is not valid JSON"),
                Arguments.of("trailing garbage", "{} {}", "body", "is not valid JSON"),
                Arguments.of("not JSON at all", "subject=hello", "body", "is not valid JSON"),
                Arguments.of("a raw control character", "{\"subject\":\"a\u0001b\"}", "body", "is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void refusesWithTheFieldNamed(String what, String body, String field, String message) {
        Map<String, String> errors = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> errorsOf(JsonObject.class, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(errors).as(what).hasSize(1);
        Map.Entry<String, String> error = errors.entrySet().iterator().next();
        assertThat(error.getKey()).as(what).startsWith(field);
        assertThat(error.getValue()).as(what).contains(message);
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] body = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(errorsOf(JsonObject.class, body)).containsEntry("body", "is not valid UTF-8");
        byte[] overlongSlash = {'{', '"', 's', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        assertThat(errorsOf(JsonObject.class, overlongSlash)).containsEntry("body", "is not valid UTF-8");
    }

    @Test
    void acceptsOrdinaryBodiesUnchanged() {
        String body = "\uFEFF{\"subject\":\"Ünïcödé 😀\",\"rating\":5,\"hours\":1.5,\"big\":9007199254740993,\"tags\":[\"a\",\"b\"],"
                + "\"conditions\":{\"all\":[{\"field\":\"priority\",\"operator\":\"is\",\"value\":[\"high\"]}]},\"none\":null,\"ok\":true}";
        JsonValue value = JsonBodyReader.read(JsonObject.class, body.getBytes(StandardCharsets.UTF_8));
        JsonObject json = value.asJsonObject();
        assertThat(json.getString("subject")).isEqualTo("Ünïcödé 😀");
        assertThat(json.getJsonNumber("big").longValueExact()).isEqualTo(9007199254740993L);
        assertThat(json.getJsonNumber("hours").doubleValue()).isEqualTo(1.5);
        assertThat(json.getJsonObject("conditions").getJsonArray("all")).hasSize(1);
        assertThat(json.isNull("none")).isTrue();
        assertThat(JsonBodyReader.read(JsonObject.class, "{\"zero\":0e-99999999}".getBytes(StandardCharsets.UTF_8)).asJsonObject()
                .getJsonNumber("zero").intValue()).as("zero is zero whatever its exponent").isZero();
    }

    @Test
    void anArrayIsReadWhereAnArrayIsTaken() {
        assertThat(JsonBodyReader.read(JsonArray.class, "[1,2]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(JsonArray.class);
        assertThat(errorsOf(JsonArray.class, "{}".getBytes(StandardCharsets.UTF_8))).containsEntry("body", "must be a JSON array, not an object");
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        String body = "{\"a\":" + "[".repeat(JsonBodyReader.MAX_DEPTH - 1) + "]".repeat(JsonBodyReader.MAX_DEPTH - 1) + "}";
        assertThat(JsonBodyReader.read(JsonObject.class, body.getBytes(StandardCharsets.UTF_8))).isInstanceOf(JsonObject.class);
        String deeper = "{\"a\":" + "[".repeat(JsonBodyReader.MAX_DEPTH) + "]".repeat(JsonBodyReader.MAX_DEPTH) + "}";
        assertThatThrownBy(() -> JsonBodyReader.read(JsonObject.class, deeper.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class);
    }

    static Map<String, String> errorsOf(Class<?> type, byte[] body) {
        try {
            JsonBodyReader.read(type, body);
            return Map.of();
        } catch (InvalidInputException e) {
            return e.fieldErrors();
        }
    }
}
