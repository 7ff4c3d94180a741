package org.relaydesk.api.plugin;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A setting a plugin asks the administrator for. The admin panel renders one form from these, the
 * API checks values against them, and {@link Type#SECRET} values are encrypted at rest, write-only
 * in the API and masked in the panel.
 */
public record ConfigField(String key, String label, Type type, boolean required, String defaultValue, List<String> options, String help) {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public enum Type {
        TEXT, SECRET, NUMBER, BOOLEAN, SELECT, URL, EMAIL
    }

    public ConfigField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a config key is lowercase words joined by dots: " + key);
        }
        options = options == null ? List.of() : List.copyOf(options);
        if (type == Type.SELECT && options.isEmpty()) {
            throw new IllegalArgumentException(key + ": a select field needs options");
        }
    }

    public static ConfigField required(String key, String label, Type type) {
        return new ConfigField(key, label, type, true, null, List.of(), null);
    }

    public static ConfigField optional(String key, String label, Type type, String defaultValue) {
        return new ConfigField(key, label, type, false, defaultValue, List.of(), null);
    }

    public static ConfigField select(String key, String label, String defaultValue, List<String> options) {
        return new ConfigField(key, label, Type.SELECT, true, defaultValue, options, null);
    }

    public ConfigField withHelp(String text) {
        return new ConfigField(key, label, type, required, defaultValue, options, text);
    }

    /** Why a value does not fit this field, or null when it does. Blank means "not set". */
    public String problem(String value) {
        if (value == null || value.isBlank()) {
            return required && defaultValue == null ? "is required" : null;
        }
        String v = value.trim();
        return switch (type) {
            case NUMBER -> v.matches("-?\\d+") ? null : "must be a whole number";
            case BOOLEAN -> v.equals("true") || v.equals("false") ? null : "must be true or false";
            case SELECT -> options.contains(v) ? null : "must be one of " + String.join(", ", options);
            case EMAIL -> EMAIL.matcher(v).matches() ? null : "must be an email address";
            case URL -> validUrl(v) ? null : "must be an http or https address";
            default -> v.length() <= 2000 ? null : "is too long";
        };
    }

    private static boolean validUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
