package org.relaydesk.plugin.assist;

import java.util.List;
import java.util.Map;
import org.relaydesk.api.plugin.ConfigField;

/** The plugin's settings, as declared to the host and as read from what the administrator saved. */
record Settings(int ticketsLearnt, String generationUrl, String apiKey, String model, boolean draftsGenerated, boolean answersGenerated,
        boolean summariesGenerated, boolean personalDataAllowed) {

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.optional("learn.tickets", "Solved tickets to learn from", ConfigField.Type.NUMBER, "5000")
                    .withHelp("The latest solved tickets whose filing and answers triage learns from (at most 20000)."),
            ConfigField.optional("generation.url", "OpenAI-compatible endpoint", ConfigField.Type.URL, null)
                    .withHelp("Leave empty to stay offline: answers and drafts then quote your articles. Otherwise the API's base address, "
                            + "e.g. https://api.openai.com/v1, an Azure deployment, or Ollama's http://host:11434/v1."),
            ConfigField.optional("generation.api_key", "API key", ConfigField.Type.SECRET, null),
            ConfigField.optional("generation.model", "Model", ConfigField.Type.TEXT, "gpt-4o-mini"),
            ConfigField.optional("generation.drafts", "Write reply drafts with the model", ConfigField.Type.BOOLEAN, "true"),
            ConfigField.optional("generation.answers", "Write help answers with the model", ConfigField.Type.BOOLEAN, "true"),
            ConfigField.optional("generation.summaries", "Write thread summaries with the model", ConfigField.Type.BOOLEAN, "true"),
            ConfigField.optional("generation.personal_data", "Send names and addresses to the model", ConfigField.Type.BOOLEAN, "false")
                    .withHelp("Off: names, email addresses and phone numbers are replaced by placeholders before anything leaves this server."));

    static Settings of(Map<String, String> values) {
        return new Settings(Math.max(0, Math.min(20_000, number(values.get("learn.tickets"), 5000))), blankToNull(values.get("generation.url")),
                blankToNull(values.get("generation.api_key")), orDefault(values.get("generation.model"), "gpt-4o-mini"),
                flag(values.get("generation.drafts"), true), flag(values.get("generation.answers"), true), flag(values.get("generation.summaries"), true),
                flag(values.get("generation.personal_data"), false));
    }

    boolean generates() {
        return generationUrl != null;
    }

    private static int number(String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean flag(String value, boolean fallback) {
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
