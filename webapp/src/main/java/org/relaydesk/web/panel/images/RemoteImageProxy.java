package org.relaydesk.web.panel.images;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.relaydesk.core.persistence.SecretBox;

/**
 * Signs the remote image addresses the ticket page hands out, so the image proxy fetches only
 * images that are in messages staff were shown, never any address an agent types in.
 */
@ApplicationScoped
public class RemoteImageProxy {
    public static final String PATH = "/agent/remote-image";

    @Inject
    SecretBox secrets;

    private volatile byte[] key;

    /** The proxy's address for this image. */
    public String proxied(String imageUrl) {
        return PATH + "?url=" + java.net.URLEncoder.encode(imageUrl, StandardCharsets.UTF_8) + "&sig=" + sign(imageUrl);
    }

    /** Whether the signature is the one {@link #proxied} gave this address (compared in constant time). */
    public boolean verify(String imageUrl, String signature) {
        return imageUrl != null && signature != null
                && MessageDigest.isEqual(sign(imageUrl).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    String sign(String imageUrl) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(imageUrl.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] key() {
        if (key == null) {
            key = secrets.derive("remote-image-proxy");
        }
        return key;
    }

    /** Only plain web addresses; anything else (file:, ftp:, credentials in the address) is refused. */
    static URI validUrl(String imageUrl) {
        try {
            URI uri = URI.create(imageUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
