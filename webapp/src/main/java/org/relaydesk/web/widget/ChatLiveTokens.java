package org.relaydesk.web.widget;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.relaydesk.core.user.Secrets;

/**
 * Short-lived passes for a visitor's live connection to one chat: the chat API (which checked the
 * widget's origin and the chat's secret) hands one out, the WebSocket checks its signature and
 * expiry without touching the database, and then only tells that page "something changed in your
 * chat"; what changed is read again through the API. The key lives in this server's memory.
 */
@ApplicationScoped
public class ChatLiveTokens {
    static final Duration LIFETIME = Duration.ofHours(1);
    private final byte[] key = Secrets.randomBytes(32);
    Clock clock = Clock.systemUTC();

    /** The chat and ticket a pass is for. */
    public record Subscription(UUID chatId, UUID ticketId) {
    }

    public String issue(UUID chatId, UUID ticketId) {
        String claim = chatId + "." + ticketId + "." + clock.instant().plus(LIFETIME).getEpochSecond();
        return claim + "." + sign(claim);
    }

    public Optional<Subscription> verify(String pass) {
        if (pass == null || pass.length() > 200) {
            return Optional.empty();
        }
        int cut = pass.lastIndexOf('.');
        if (cut < 0) {
            return Optional.empty();
        }
        String claim = pass.substring(0, cut);
        if (!MessageDigest.isEqual(sign(claim).getBytes(StandardCharsets.US_ASCII), pass.substring(cut + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = claim.split("\\.");
        try {
            if (parts.length != 3 || Long.parseLong(parts[2]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Subscription(UUID.fromString(parts[0]), UUID.fromString(parts[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String claim) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(claim.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
