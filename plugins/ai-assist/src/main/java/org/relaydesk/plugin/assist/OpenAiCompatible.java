package org.relaydesk.plugin.assist;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relaydesk.api.host.HttpClient;

/**
 * Chat completions through any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM):
 * {@code POST {base}/chat/completions} with a system and a user message, through the host's HTTP
 * client, so the host's time limits and outbound address rule apply.
 */
final class OpenAiCompatible {
    /** The Parsson packed into this plugin, named directly: no service lookup across class loaders. */
    private static final jakarta.json.spi.JsonProvider JSON = new org.eclipse.parsson.JsonProviderImpl();
    static final Duration LIMIT = Duration.ofSeconds(25);
    static final int MAX_ANSWER_CHARS = 8_000;

    /** The endpoint did not answer with a completion; the message says why, for the audit trail. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private OpenAiCompatible() {
    }

    static String complete(HttpClient http, Settings settings, String system, String user) throws Failed {
        String body = JSON.createObjectBuilder().add("model", settings.model()).add("temperature", 0.2)
                .add("messages", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder().add("role", "system").add("content", system))
                        .add(JSON.createObjectBuilder().add("role", "user").add("content", user)))
                .build().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        if (settings.apiKey() != null) {
            headers.put("Authorization", "Bearer " + settings.apiKey());
            headers.put("api-key", settings.apiKey()); // Azure OpenAI's header
        }
        String url = settings.generationUrl().replaceAll("/+$", "") + "/chat/completions";
        HttpClient.Answer answer;
        try {
            answer = http.send(new HttpClient.Call("POST", url, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), LIMIT));
        } catch (HttpClient.HttpFailure e) {
            throw new Failed("the model's endpoint did not answer: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new Failed("the model's endpoint cannot be reached: " + e.getMessage(), e);
        }
        if (answer.status() != 200) {
            throw new Failed("the model's endpoint answered " + answer.status(), null);
        }
        try (JsonReader reader = JSON.createReader(new StringReader(answer.text()))) {
            JsonObject completion = reader.readObject();
            JsonArray choices = completion.getJsonArray("choices");
            if (choices == null || choices.isEmpty()) {
                throw new Failed("the model's answer has no choices", null);
            }
            String content = choices.getJsonObject(0).getJsonObject("message").getString("content", "").strip();
            if (content.isEmpty()) {
                throw new Failed("the model's answer is empty", null);
            }
            return content.length() <= MAX_ANSWER_CHARS ? content : content.substring(0, MAX_ANSWER_CHARS);
        } catch (ClassCastException | NullPointerException | jakarta.json.JsonException e) {
            throw new Failed("the model's answer is not a chat completion", e);
        }
    }
}
