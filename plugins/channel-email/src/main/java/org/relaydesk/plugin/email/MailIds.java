package org.relaydesk.plugin.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message ids as the host keeps them: without the angle brackets. A message that has no Message-ID
 * (it happens) is known by a digest of its bytes, so the same message fetched twice is still one.
 */
final class MailIds {
    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");

    private MailIds() {
    }

    static String of(MimeMessage message, byte[] raw) {
        try {
            List<String> ids = parse(message.getHeader("Message-ID", null));
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
        } catch (MessagingException e) {
            // fall through to the digest
        }
        return digest(raw);
    }

    static String digest(byte[] raw) {
        try {
            return "sha256." + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)) + "@no-message-id.invalid";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The ids in a Message-ID, In-Reply-To or References header, in order; a bare id without brackets counts too. */
    static List<String> parse(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return ids;
        }
        Matcher matcher = ID.matcher(header);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        String bare = header.trim();
        if (ids.isEmpty() && !bare.contains(" ") && bare.contains("@")) {
            ids.add(bare);
        }
        return ids;
    }

    /** A new id for a message we send, at the domain of the address it comes from. */
    static String fresh(String fromAddress) {
        String domain = fromAddress == null || !fromAddress.contains("@") ? "relaydesk.invalid" : fromAddress.substring(fromAddress.indexOf('@') + 1);
        byte[] random = new byte[12];
        new java.security.SecureRandom().nextBytes(random);
        return "relaydesk." + HexFormat.of().formatHex(random) + "@" + new String(domain.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }
}
