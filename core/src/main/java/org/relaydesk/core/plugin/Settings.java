package org.relaydesk.core.plugin;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import org.relaydesk.api.plugin.ConfigField;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.text.Jsonp;

/**
 * Values for settings a plugin declared (a channel account's, a plugin's own), as they are stored:
 * checked against the declared fields, secrets sealed, and a secret left blank (or a setting left
 * out) kept as it was. One place for the rules both kinds of settings follow.
 */
public final class Settings {
    private Settings() {
    }

    /** What the API and the panel may show: the values that are not secret, and which secrets are set. */
    public record View(Map<String, String> visible, Set<String> secretsSet) {
    }

    /**
     * The values to store. {@code seal} seals a secret's value for its key; errors go into
     * {@code errors} under {@code prefix + key}.
     */
    public static Map<String, String> merge(List<ConfigField> declared, Map<String, String> given, Map<String, String> before, BinaryOperator<String> seal,
            InvalidInputException.Collector errors, String prefix, String owner) {
        Map<String, ConfigField> fields = declared.stream().collect(Collectors.toMap(ConfigField::key, f -> f, (a, b) -> a, LinkedHashMap::new));
        Map<String, String> values = given == null ? Map.of() : given;
        values.keySet().stream().filter(k -> !fields.containsKey(k))
                .forEach(k -> errors.check(false, prefix + k, "is not a setting of " + owner + " (" + String.join(", ", fields.keySet()) + ")"));
        Map<String, String> result = new LinkedHashMap<>();
        for (ConfigField field : fields.values()) {
            String value = values.containsKey(field.key()) ? values.get(field.key()) : null;
            boolean secret = field.type() == ConfigField.Type.SECRET;
            if ((value == null || value.isBlank()) && (secret || !values.containsKey(field.key())) && before.containsKey(field.key())) {
                result.put(field.key(), before.get(field.key())); // kept as stored (a secret stays sealed)
                continue;
            }
            String problem = field.problem(value);
            errors.check(problem == null, prefix + field.key(), problem);
            if (problem == null && value != null && !value.isBlank()) {
                result.put(field.key(), secret ? seal.apply(field.key(), value.trim()) : value.trim());
            }
        }
        secretsFollowTheirDestination(fields.values(), values, before, result, errors, prefix);
        return result;
    }

    /**
     * A stored secret goes only where it was entered for. When any setting that is not secret
     * changes, every stored secret must be given again in the same update; otherwise an admin could
     * point a mailbox's host (or port, TLS mode, user name, URL...) at a server of their own and
     * have the stored password sent there. The rule is the host's, the same for every plugin, and
     * deliberately simple: the host cannot know which of a plugin's settings decide where a secret
     * goes, so it treats all of them as if they did. Settings that are not the plugin's (a channel
     * account's name, team, priority) are not part of it. Compared by effective value, so a default
     * written out is no change.
     */
    static void secretsFollowTheirDestination(java.util.Collection<ConfigField> fields, Map<String, String> given, Map<String, String> before,
            Map<String, String> result, InvalidInputException.Collector errors, String prefix) {
        List<String> changed = fields.stream().filter(f -> f.type() != ConfigField.Type.SECRET)
                .filter(f -> !java.util.Objects.equals(before.getOrDefault(f.key(), f.defaultValue()), result.getOrDefault(f.key(), f.defaultValue())))
                .map(ConfigField::key).toList();
        if (changed.isEmpty()) {
            return;
        }
        for (ConfigField field : fields) {
            String value = given.get(field.key());
            boolean kept = field.type() == ConfigField.Type.SECRET && before.containsKey(field.key()) && (value == null || value.isBlank());
            errors.check(!kept, prefix + field.key(), "must be entered again because " + String.join(", ", changed)
                    + " changed: a stored secret is only sent to where it was entered for");
        }
    }

    public static View view(List<ConfigField> declared, Map<String, String> stored) {
        Set<String> secretKeys = declared.stream().filter(f -> f.type() == ConfigField.Type.SECRET).map(ConfigField::key).collect(Collectors.toSet());
        Map<String, String> visible = new LinkedHashMap<>();
        Set<String> set = new TreeSet<>();
        stored.forEach((key, value) -> {
            if (SecretBox.isSealed(value) || secretKeys.contains(key)) {
                set.add(key);
            } else {
                visible.put(key, value);
            }
        });
        return new View(visible, set);
    }

    public static Map<String, String> parse(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        try (var reader = Jsonp.createReader(json == null || json.isBlank() ? "{}" : json)) {
            JsonObject object = reader.readObject();
            object.forEach((k, v) -> values.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
        }
        return values;
    }

    public static String json(Map<String, String> values) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        values.forEach(json::add);
        return json.build().toString();
    }
}
