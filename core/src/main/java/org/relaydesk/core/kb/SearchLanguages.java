package org.relaydesk.core.kb;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Article languages and the PostgreSQL text search configuration that stems each one. A language
 * PostgreSQL ships no stemmer for is searched with 'simple' (exact words; trigrams still forgive typos).
 */
public final class SearchLanguages {
    /** A BCP 47 primary language with an optional region: en, de, pt-BR. */
    public static final Pattern CODE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");

    private static final Map<String, String> CONFIGS = Map.ofEntries(Map.entry("ar", "arabic"), Map.entry("da", "danish"),
            Map.entry("de", "german"), Map.entry("el", "greek"), Map.entry("en", "english"), Map.entry("es", "spanish"),
            Map.entry("fi", "finnish"), Map.entry("fr", "french"), Map.entry("hu", "hungarian"), Map.entry("id", "indonesian"),
            Map.entry("it", "italian"), Map.entry("lt", "lithuanian"), Map.entry("ne", "nepali"), Map.entry("nl", "dutch"),
            Map.entry("no", "norwegian"), Map.entry("nb", "norwegian"), Map.entry("pt", "portuguese"), Map.entry("ro", "romanian"),
            Map.entry("ru", "russian"), Map.entry("sv", "swedish"), Map.entry("ta", "tamil"), Map.entry("tr", "turkish"));

    private SearchLanguages() {
    }

    /** The language as stored ("EN-us" is en-US); empty when it is not a language code. */
    public static Optional<String> normalise(String language) {
        if (language == null) {
            return Optional.empty();
        }
        String[] parts = language.trim().split("[-_]", -1);
        String code = parts[0].toLowerCase(java.util.Locale.ROOT) + (parts.length == 2 ? "-" + parts[1].toUpperCase(java.util.Locale.ROOT) : "");
        return parts.length <= 2 && CODE.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }

    /** The text search configuration for a stored language code. */
    public static String config(String language) {
        String primary = language.contains("-") ? language.substring(0, language.indexOf('-')) : language;
        return CONFIGS.getOrDefault(primary, "simple");
    }
}
