package org.relaydesk.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.web.json.JsonBodyReader;

/**
 * Seeded random mutation of real request bodies through the whole body binding: the JSON reader,
 * then every typed read a resource makes. Whatever the bytes, the outcome is the body accepted or
 * an {@link InvalidInputException} (answered 400); any other exception would be a 500. Bounded:
 * a fixed number of cases in well under a minute. {@code -Drelaydesk.fuzz.seed=N} replays another
 * run, {@code -Drelaydesk.fuzz.cases=N} runs longer (the seed of a failure is in its message).
 */
class RequestBodyFuzzTest {
    private static final List<String> SEEDS = List.of(
            "{\"subject\":\"Payment failed\",\"description\":\"Card declined\",\"requester_email\":\"jane@customer.test\","
                    + "\"priority\":\"high\",\"tags\":[\"vip\",\"billing\"],\"custom_fields\":{\"device\":\"Laptop\"},"
                    + "\"category_id\":\"0b6f6e43-7a4e-4c39-8d0e-5f3c4a1f6a21\"}",
            "{\"body\":\"<p>We are on it</p>\",\"is_internal\":true}",
            "{\"email\":\"root@relaydesk.test\",\"password\":\"secret\"}",
            "{\"access_token\":\"abc\",\"rating\":5,\"feedback\":\"Great\"}",
            "{\"name\":\"Urgent first\",\"first_response_hours\":1.5,\"resolution_hours\":24,\"position\":2,"
                    + "\"priority_overrides\":{\"urgent\":{\"first_response_hours\":0.25}},\"conditions\":{\"priority\":[\"urgent\"]}}",
            "{\"name\":\"Rule\",\"trigger\":\"ticket_created\",\"trigger_hours\":12,\"enabled\":true,"
                    + "\"conditions\":{\"all\":[{\"field\":\"priority\",\"operator\":\"is\",\"value\":[\"high\"]}]},"
                    + "\"actions\":[{\"type\":\"set_priority\",\"params\":{\"priority\":\"urgent\"}}]}",
            "{\"assignee_id\":null,\"team_id\":\"not-a-uuid\",\"ids\":[\"a\",1,null]}");

    /** Fragments that broke things before: wrong types, huge numbers, NUL, deep nesting, odd escapes. */
    private static final List<String> FRAGMENTS = List.of("[", "]", "{", "}", "\"", ",", ":", "null", "true", "1e999999", "-1e-999999",
            "123456789012345678901234567890", "2147483648", "-0", "0.0000001", "\\u0000", "\\ud800", "\\\"", "\\", "[[[[[[[[[[",
            "{\"a\":{\"a\":{\"a\":", "\u0000", "\uFEFF", "NaN", "Infinity", "1.5", "\"x\"", "[]", "{}", "\u00e9", "😀");

    private static final List<String> FIELDS = List.of("subject", "description", "requester_email", "priority", "tags", "custom_fields",
            "category_id", "body", "is_internal", "email", "password", "rating", "feedback", "first_response_hours", "position",
            "priority_overrides", "conditions", "trigger_hours", "enabled", "actions", "assignee_id", "team_id", "ids", "a");

    @Test
    void noBodyBreaksTheBindingWithAnythingButA400() {
        long seed = Long.getLong("relaydesk.fuzz.seed", 20261204L);
        int cases = Integer.getInteger("relaydesk.fuzz.cases", 20_000);
        Random random = new Random(seed);
        int[] accepted = {0};
        int[] refused = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            for (int i = 0; i < cases; i++) {
                byte[] body = mutate(random, SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8));
                try {
                    Body bound = new Body((JsonObject) JsonBodyReader.read(JsonObject.class, body));
                    readEveryField(bound);
                    accepted[0]++;
                } catch (InvalidInputException expected) {
                    refused[0]++;
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("seed " + seed + ", case " + i + ": " + e + " for body "
                            + new String(body, StandardCharsets.UTF_8), e);
                }
            }
        });
        assertThat(accepted[0]).as("the mutations also produce bodies that bind").isGreaterThan(cases / 50);
        assertThat(refused[0]).as("and bodies that are refused").isGreaterThan(cases / 10);
    }

    /** What the resources do with a body: each typed read of each field the API knows. */
    private static void readEveryField(Body body) {
        for (String field : FIELDS) {
            for (Runnable read : List.<Runnable>of(() -> body.string(field), () -> body.bool(field), () -> body.integer(field),
                    () -> body.hoursAsMinutes(field), () -> body.id(field), () -> body.nullableId(field), () -> body.ids(field),
                    () -> body.strings(field), () -> body.object(field), () -> body.nested(field))) {
                try {
                    read.run();
                } catch (InvalidInputException expected) {
                    // a 400 naming the field
                }
            }
        }
    }

    private static byte[] mutate(Random random, byte[] seed) {
        List<Byte> bytes = new ArrayList<>(seed.length + 64);
        for (byte b : seed) {
            bytes.add(b);
        }
        int steps = 1 + random.nextInt(4);
        for (int s = 0; s < steps; s++) {
            int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size() + 1);
            switch (random.nextInt(7)) {
                case 0 -> { // flip a byte
                    if (!bytes.isEmpty()) {
                        int i = Math.min(at, bytes.size() - 1);
                        bytes.set(i, (byte) (bytes.get(i) ^ (1 << random.nextInt(8))));
                    }
                }
                case 1 -> bytes.add(at, (byte) random.nextInt(256)); // insert a random byte
                case 2 -> { // drop a run
                    int n = Math.min(bytes.size() - at, 1 + random.nextInt(8));
                    for (int k = 0; k < n; k++) {
                        bytes.remove(at);
                    }
                }
                case 3, 4 -> { // splice a known troublemaker in
                    byte[] fragment = FRAGMENTS.get(random.nextInt(FRAGMENTS.size())).getBytes(StandardCharsets.UTF_8);
                    for (int k = fragment.length - 1; k >= 0; k--) {
                        bytes.add(at, fragment[k]);
                    }
                }
                case 5 -> { // replace a value after a colon with a troublemaker
                    int colon = bytes.subList(Math.min(at, bytes.size()), bytes.size()).indexOf((byte) ':');
                    if (colon >= 0) {
                        byte[] fragment = FRAGMENTS.get(random.nextInt(FRAGMENTS.size())).getBytes(StandardCharsets.UTF_8);
                        int i = at + colon + 1;
                        for (int k = fragment.length - 1; k >= 0; k--) {
                            bytes.add(i, fragment[k]);
                        }
                    }
                }
                default -> { // truncate
                    while (bytes.size() > at) {
                        bytes.remove(bytes.size() - 1);
                    }
                }
            }
        }
        byte[] result = new byte[bytes.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = bytes.get(i);
        }
        return result;
    }
}
