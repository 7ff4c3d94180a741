package org.relaydesk.core.widget;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.error.InvalidInputException;

/**
 * What an admin sets for a widget, checked as a whole: every wrong field is named in one refusal.
 * Colours are #RRGGBB (the text on them is chosen for contrast, {@link Contrast}); the greeting is
 * plain text (the widget never renders it as HTML).
 */
public record WidgetSettings(String name, AllowedOrigins allowedOrigins, boolean active, String primaryColor, String position, String launcherIcon,
        String greeting, String language, boolean showHelp, boolean showContact, UUID businessCalendarId, UUID chatTeamId) {
    static final int MAX_NAME = 100;
    static final int MAX_GREETING = 300;
    static final Set<String> POSITIONS = Set.of("right", "left");
    static final Set<String> ICONS = Set.of("chat", "help", "mail");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** From the form or the API; null or blank values take the defaults. */
    public static WidgetSettings of(String name, String allowedOrigins, Boolean active, String primaryColor, String position, String launcherIcon,
            String greeting, String language, Boolean showHelp, Boolean showContact, UUID businessCalendarId, UUID chatTeamId) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String cleanName = name == null ? "" : name.strip();
        errors.check(!cleanName.isEmpty() && cleanName.length() <= MAX_NAME, "name", "is required (at most " + MAX_NAME + " characters)");
        AllowedOrigins origins = null;
        try {
            origins = AllowedOrigins.parse(allowedOrigins);
        } catch (InvalidInputException e) {
            errors.check(false, "allowed_origins", e.fieldErrors().get("allowed_origins"));
        }
        String color = blank(primaryColor) ? "#2563EB" : primaryColor.strip();
        errors.check(COLOR.matcher(color).matches(), "primary_color", "must be a colour as #RRGGBB, e.g. #2563EB");
        String side = blank(position) ? "right" : position.strip().toLowerCase(Locale.ROOT);
        errors.check(POSITIONS.contains(side), "position", "must be right or left");
        String icon = blank(launcherIcon) ? "chat" : launcherIcon.strip().toLowerCase(Locale.ROOT);
        errors.check(ICONS.contains(icon), "launcher_icon", "must be chat, help or mail");
        String hello = greeting == null ? "" : greeting.replaceAll("\\p{Cntrl}", " ").strip();
        errors.check(hello.length() <= MAX_GREETING, "greeting", "at most " + MAX_GREETING + " characters");
        String lang = blank(language) ? "" : WidgetTexts.supported(language.strip()).orElse(null);
        errors.check(lang != null, "language", "must be one of " + WidgetTexts.LANGUAGES + " or empty (the visitor's browser language)");
        boolean help = showHelp == null || showHelp;
        boolean contact = showContact == null || showContact;
        errors.check(help || contact, "show_help", "a widget shows help articles, the contact form or both");
        errors.throwIfAny();
        return new WidgetSettings(cleanName, origins, active == null || active, color.toUpperCase(Locale.ROOT), side, icon, hello, lang, help, contact,
                businessCalendarId, chatTeamId);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
