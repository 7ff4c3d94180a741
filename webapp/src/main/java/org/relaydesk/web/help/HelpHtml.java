package org.relaydesk.web.help;

import java.util.Locale;

/** Escaping for the help centre's hand-written HTML: every value from the database passes here. */
final class HelpHtml {
    private HelpHtml() {
    }

    static String text(String value) {
        return org.relaydesk.core.kb.Snippets.escape(value == null ? "" : value);
    }

    /** A language's own name for itself: "Deutsch" for de. */
    static String languageName(String code) {
        Locale locale = Locale.forLanguageTag(code);
        String name = locale.getDisplayLanguage(locale);
        if (name.isEmpty()) {
            return code;
        }
        String region = locale.getCountry().isEmpty() ? "" : " (" + locale.getDisplayCountry(locale) + ")";
        return name.substring(0, 1).toUpperCase(locale) + name.substring(1) + region;
    }

    /** A meta description: the summary, or the start of the text, at most 160 characters on a word boundary. */
    static String description(String summary, String text) {
        String source = summary != null && !summary.isBlank() ? summary : text == null ? "" : text;
        String flat = source.replaceAll("\\s+", " ").strip();
        if (flat.length() <= 160) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', 157);
        return flat.substring(0, cut > 80 ? cut : 157) + "…";
    }
}
