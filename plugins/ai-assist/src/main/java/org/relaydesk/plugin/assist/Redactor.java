package org.relaydesk.plugin.assist;

import java.util.regex.Pattern;

/**
 * Takes personal data out of text that leaves the server: email addresses, phone numbers and the
 * customer's name become placeholders, which a generated text may use and which are filled in again
 * on its way back.
 */
final class Redactor {
    static final String CUSTOMER = "[customer]";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w/])\\+?\\d[\\d\\s().-]{7,}\\d(?![\\w/])");

    private final String name;

    Redactor(String customerName) {
        this.name = customerName == null || customerName.isBlank() || customerName.contains("@") ? null : customerName.strip();
    }

    String redact(String text) {
        String out = EMAIL.matcher(text).replaceAll("[email]");
        out = PHONE.matcher(out).replaceAll("[phone]");
        if (name != null) {
            out = out.replace(name, CUSTOMER);
            String first = name.split("\\s+")[0];
            if (first.length() >= 3) {
                out = out.replaceAll("\\b" + Pattern.quote(first) + "\\b", CUSTOMER);
            }
        }
        return out;
    }

    /** Puts the customer's first name back where the model wrote the placeholder. */
    String restore(String text) {
        return text.replace(CUSTOMER, name == null ? "there" : name.split("\\s+")[0]);
    }
}
