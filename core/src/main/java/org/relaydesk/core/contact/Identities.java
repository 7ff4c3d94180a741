package org.relaydesk.core.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.regex.Pattern;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.UserService;

/**
 * An identity's value as Relaydesk keeps it, one spelling per person: email addresses in lower case,
 * phone numbers in E.164 ("+14155550100", checked against the numbering plans by libphonenumber),
 * WhatsApp ids as the digits WhatsApp gives ("14155550100"). A WhatsApp id is the person's phone
 * number without its "+", which is how the two identities of one person are matched.
 */
public final class Identities {
    /** WhatsApp ids are phone numbers in digits: E.164 allows at most 15. */
    private static final Pattern WA_ID = Pattern.compile("[1-9][0-9]{5,14}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().\\-/]");
    private static final int MAX_VALUE = 320;

    private Identities() {
    }

    /** The value normalised, or an InvalidInputException on {@code field} that says what a valid one looks like. */
    public static String normalize(IdentityKind kind, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_VALUE) {
            throw new InvalidInputException(field, "at most " + MAX_VALUE + " characters");
        }
        return switch (kind) {
            case EMAIL -> {
                if (!UserService.EMAIL.matcher(trimmed).matches()) {
                    throw new InvalidInputException(field, "must be a valid email address");
                }
                yield trimmed.toLowerCase(Locale.ROOT);
            }
            case PHONE -> phone(trimmed, field);
            case WHATSAPP -> whatsapp(trimmed, field);
            case WIDGET_VISITOR -> trimmed;
        };
    }

    /**
     * A phone number in international form: "+" and the country code first, spaces, dots, dashes and
     * brackets allowed ("+44 20 7946 0958"); "00" for "+" is accepted. A number no numbering plan
     * knows is refused, so that a typo does not become a second identity of nobody.
     */
    static String phone(String value, String field) {
        String compact = PHONE_PUNCTUATION.matcher(value).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        if (!compact.startsWith("+") || !compact.substring(1).chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException(field, "must be a phone number in international form with its country code, e.g. +14155550100");
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            Phonenumber.PhoneNumber number = util.parse(compact, null);
            if (!util.isValidNumber(number)) {
                throw new InvalidInputException(field, "'" + value + "' is not a valid phone number (check the country code and the number of digits)");
            }
            return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidInputException(field, "must be a phone number in international form with its country code, e.g. +14155550100");
        }
    }

    /** A WhatsApp id: the digits of the number ("+" and spacing forgiven). */
    static String whatsapp(String value, String field) {
        String digits = PHONE_PUNCTUATION.matcher(value).replaceAll("");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (!WA_ID.matcher(digits).matches()) {
            throw new InvalidInputException(field, "must be a WhatsApp id: the phone number's digits with the country code, e.g. 14155550100");
        }
        return digits;
    }

    /** The same person's other identity: a WhatsApp id's phone number and back; null for the other kinds. */
    static String[] twin(IdentityKind kind, String normalized) {
        return switch (kind) {
            case WHATSAPP -> new String[] {IdentityKind.PHONE.name(), "+" + normalized};
            case PHONE -> new String[] {IdentityKind.WHATSAPP.name(), normalized.substring(1)};
            default -> null;
        };
    }
}
