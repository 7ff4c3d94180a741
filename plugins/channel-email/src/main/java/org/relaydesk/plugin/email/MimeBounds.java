package org.relaydesk.plugin.email;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one message may cost the parser, so that a crafted one cannot cost more than a few times its
 * own size in memory or more than linear time: its size, its number of MIME parts (Jakarta Mail
 * builds every part of a multipart at once, each with its own header table, so a few bytes of
 * boundary line cost a kilobyte of heap), how deep it is opened (the parser keeps deeper parts
 * whole), and how many message ids it may thread by. A message over a limit is refused with a
 * {@link MessagingException} that says which; the host sets it aside with that reason.
 */
final class MimeBounds {
    /** The largest message read: what the host stores of one message. */
    static final int MOST_BYTES = ImapInbox.MAX_MESSAGE_BYTES;
    /** MIME parts in one message (real mail has a handful; a mailing-list digest some hundreds). */
    static final int MOST_PARTS = 10_000;
    /** How deep multiparts and reports are opened; deeper parts are kept whole as files. */
    static final int DEEPEST = 20;
    /** Message ids a message threads by (References lists the conversation's ids, the newest last: the last ones count). */
    static final int MOST_REFERENCES = 100;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary\\s*=\\s*\"?([^\"\\r\\n;]{1,200})");

    private MimeBounds() {
    }

    /** Refuses a message that is too large or has too many parts, before anything is built from it. */
    static void check(byte[] raw) throws MessagingException {
        if (raw.length > MOST_BYTES) {
            throw new MessagingException("the message is " + raw.length / (1024 * 1024) + " MB, larger than the " + MOST_BYTES / (1024 * 1024)
                    + " MB Relaydesk reads");
        }
        int parts = parts(raw);
        if (parts > MOST_PARTS) {
            throw new MessagingException("the message has " + parts + " MIME parts, more than the " + MOST_PARTS + " Relaydesk reads");
        }
    }

    /**
     * The boundary lines in the message: lines "--" + a boundary the message declares (anywhere: a
     * declaration in a body only makes the count higher), each the start or end of a part.
     */
    static int parts(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Set<String> boundaries = new HashSet<>();
        Matcher declared = BOUNDARY.matcher(text);
        while (declared.find()) {
            boundaries.add(declared.group(1).strip());
        }
        if (boundaries.isEmpty()) {
            return 0;
        }
        int count = 0;
        int line = 0;
        while (line < text.length()) {
            int end = text.indexOf('\n', line);
            end = end < 0 ? text.length() : end;
            if (end - line > 2 && text.charAt(line) == '-' && text.charAt(line + 1) == '-') {
                String rest = text.substring(line + 2, Math.min(end, line + 2 + 210)).strip();
                if (boundaries.contains(rest) || rest.endsWith("--") && boundaries.contains(rest.substring(0, rest.length() - 2).strip())) {
                    count++;
                }
            }
            line = end + 1;
        }
        return count;
    }
}
