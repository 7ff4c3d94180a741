package org.relaydesk.core.channel;

import java.util.UUID;

/**
 * A channel account's automatic replies: {@code acknowledgement} when a message opens a new ticket,
 * {@code away} when one arrives outside the hours of the business calendar {@code calendarId};
 * each at most once per ticket every {@code intervalHours}. An email account sends them only with
 * {@code onEmail}. A blank text turns that reply off.
 */
public record AutoReplySettings(String acknowledgement, String away, UUID calendarId, int intervalHours, boolean onEmail) {
    public static final int DEFAULT_INTERVAL_HOURS = 24;
    public static final int MAX_INTERVAL_HOURS = 720;
    /** WhatsApp's limit for a text message; other channels take at least as much. */
    public static final int MAX_TEXT = 4096;
    public static final AutoReplySettings NONE = new AutoReplySettings(null, null, null, DEFAULT_INTERVAL_HOURS, false);

    public AutoReplySettings {
        acknowledgement = blankToNull(acknowledgement);
        away = blankToNull(away);
    }

    public boolean acknowledges() {
        return acknowledgement != null;
    }

    /** An away message needs the hours it is away from. */
    public boolean answersAfterHours() {
        return away != null && calendarId != null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
