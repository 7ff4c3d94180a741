package org.relaydesk.core.csat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.relaydesk.api.ticket.TicketStatus;

/**
 * The rules of a survey, free of the database so they can be tested with any clock: when it is due,
 * whether it may still go out (the resolution it asks about still stands), which channel carries it,
 * and whether its link still opens.
 */
public final class SurveyPolicy {
    private SurveyPolicy() {
    }

    public enum Channel {
        EMAIL, WHATSAPP;

        public String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How a WhatsApp conversation with the requester stands now (null fields: no WhatsApp route). */
    public record WhatsAppRoute(UUID accountId, String address, boolean optedOut, boolean windowOpen) {
    }

    /** What to do with a due survey: send it through {@code channel} (to {@code address}), or not ({@code reason} says why). */
    public record Decision(Channel channel, UUID accountId, String address, String outcome, String reason) {
        static Decision cancel(String reason) {
            return new Decision(null, null, null, "cancelled", reason);
        }

        static Decision unreachable(String reason) {
            return new Decision(null, null, null, "unreachable", reason);
        }

        public boolean sends() {
            return channel != null;
        }
    }

    public static Instant dueAt(Instant resolvedAt, SurveySettings settings) {
        return resolvedAt.plus(Duration.ofMinutes(settings.delayMinutes()));
    }

    /** The resolution a survey asks about still stands: the ticket is solved (or closed after it) at that same moment. */
    public static boolean sameResolution(TicketStatus status, Instant ticketResolvedAt, Instant surveyResolvedAt) {
        return (status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED) && ticketResolvedAt != null
                && ticketResolvedAt.truncatedTo(ChronoUnit.MICROS).equals(surveyResolvedAt.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * The channel: WhatsApp while its conversation window is open and the contact has not opted out,
     * otherwise email if the contact has an address, otherwise none; each only where the admin allows it.
     */
    public static Decision decide(SurveySettings settings, TicketStatus status, Instant ticketResolvedAt, Instant surveyResolvedAt, boolean merged,
            WhatsAppRoute whatsApp, String email) {
        if (!settings.enabled()) {
            return Decision.cancel("surveys were switched off");
        }
        if (merged) {
            return Decision.cancel("the ticket was merged into another");
        }
        if (!sameResolution(status, ticketResolvedAt, surveyResolvedAt)) {
            return Decision.cancel("the ticket was reopened before the survey was due");
        }
        String whatsAppNote = null;
        if (settings.sendWhatsApp() && whatsApp != null) {
            if (whatsApp.optedOut()) {
                whatsAppNote = "the contact opted out of WhatsApp";
            } else if (!whatsApp.windowOpen()) {
                whatsAppNote = "the WhatsApp conversation window is closed";
            } else {
                return new Decision(Channel.WHATSAPP, whatsApp.accountId(), whatsApp.address(), "queued", null);
            }
        }
        if (settings.sendEmail() && email != null && !email.isBlank()) {
            return new Decision(Channel.EMAIL, null, email, "queued", whatsAppNote);
        }
        String why = settings.sendEmail() ? "the contact has no email address" : "email surveys are switched off";
        return Decision.unreachable(whatsAppNote == null ? why : whatsAppNote + ", and " + why);
    }

    /**
     * Whether a survey's link still records an answer at {@code now}: a sent one, or one whose link
     * was issued and is on its way (queued with an expiry), until it expires.
     */
    public static boolean opens(String status, Instant expiresAt, Instant now) {
        return linkIssued(status, expiresAt) && now.isBefore(expiresAt);
    }

    /** Whether a link of this survey has gone out or is going out (an expired one included). */
    public static boolean linkIssued(String status, Instant expiresAt) {
        return ("sent".equals(status) || "queued".equals(status)) && expiresAt != null;
    }

    public static Instant expiresAt(Instant sentAt, SurveySettings settings) {
        return Objects.requireNonNull(sentAt).plus(Duration.ofDays(settings.expiryDays()));
    }

    /** A score read from a WhatsApp answer: a list row's title ("4 - Good") or a bare digit; null when it is no score. */
    public static Integer scoreOf(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (int score = 1; score <= 5; score++) {
            if (t.equals(String.valueOf(score)) || t.equalsIgnoreCase(choiceTitle(score))) {
                return score;
            }
        }
        return null;
    }

    /** The title of a score's row in a WhatsApp list (at most 24 characters). */
    public static String choiceTitle(int score) {
        return switch (score) {
            case 5 -> "5 - Excellent";
            case 4 -> "4 - Good";
            case 3 -> "3 - Okay";
            case 2 -> "2 - Poor";
            case 1 -> "1 - Very poor";
            default -> throw new IllegalArgumentException("a score is from 1 to 5");
        };
    }
}
