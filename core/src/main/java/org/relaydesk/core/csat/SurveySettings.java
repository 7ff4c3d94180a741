package org.relaydesk.core.csat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.relaydesk.core.error.InvalidInputException;

/**
 * A workspace's satisfaction survey: whether it goes out, how long after a solve, how long its link
 * works, through which channels, and its wording (subject, body, question, with the canned
 * responses' {{variables}}). A survey's own settings, apart from other notices' templates.
 */
public record SurveySettings(boolean enabled, int delayMinutes, int expiryDays, boolean sendEmail, boolean sendWhatsApp, String subject,
        String body, String question) {
    public static final int MAX_DELAY_MINUTES = 43_200;
    public static final int MAX_EXPIRY_DAYS = 90;

    public static SurveySettings defaults() {
        return new SurveySettings(true, 1440, 7, true, true, "How did we do with {{ticket_number}}?",
                "Hello {{customer_name}},\n\nyour request {{ticket_number}} ({{ticket.subject}}) was solved. We would like to know how we did.",
                "How satisfied are you with the help you got?");
    }

    /** Refuses (400, naming each field) what cannot be saved; nothing is saved then. */
    public SurveySettings {
        Map<String, String> errors = new LinkedHashMap<>();
        if (delayMinutes < 0 || delayMinutes > MAX_DELAY_MINUTES) {
            errors.put("delay_minutes", "must be from 0 to " + MAX_DELAY_MINUTES + " minutes (30 days)");
        }
        if (expiryDays < 1 || expiryDays > MAX_EXPIRY_DAYS) {
            errors.put("expiry_days", "must be from 1 to " + MAX_EXPIRY_DAYS + " days");
        }
        subject = strip(subject);
        body = strip(body);
        question = strip(question);
        text(errors, "subject", subject, 200);
        text(errors, "body", body, 5000);
        text(errors, "question", question, 500);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static void text(Map<String, String> errors, String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            errors.put(field, "is required");
        } else if (value.length() > max) {
            errors.put(field, "at most " + max + " characters");
        }
    }
}
