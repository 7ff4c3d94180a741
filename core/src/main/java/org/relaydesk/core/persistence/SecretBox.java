package org.relaydesk.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Secrets at rest (a plugin's passwords and tokens): AES-256-GCM with the installation's key, which
 * lives outside the database (conf/secret.key, made by the launcher on first start, or
 * RELAYDESK_SECRET_KEY). Each value is bound to what it belongs to (the associated data), so a
 * ciphertext copied onto another account or setting does not decrypt. Stored as "enc:v1:" + base64.
 */
@ApplicationScoped
public class SecretBox {
    static final String PREFIX = "enc:v1:";
    private static final Logger LOG = Logger.getLogger(SecretBox.class.getName());
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "relaydesk.secret-key")
    Optional<String> keyValue;

    @Inject
    @ConfigProperty(name = "relaydesk.secret-key-file")
    Optional<String> keyFile;

    private volatile SecretKeySpec key;

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String seal(String plain, String boundTo) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret could not be encrypted", e);
        }
    }

    /** The clear value; IllegalStateException when it cannot be decrypted (another key, or moved). */
    public String open(String stored, String boundTo) {
        if (!isSealed(stored)) {
            throw new IllegalStateException("not an encrypted value");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, IV_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a secret cannot be decrypted with this installation's key", e);
        }
    }

    /**
     * A key for one purpose ("channel-account:<id>:signing"), derived from this installation's key
     * (HMAC-SHA256): stable across restarts and nodes, never stored, different for every purpose.
     */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key().getEncoded(), "HmacSHA256"));
            return mac.doFinal(("relaydesk.derive:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "AES");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] loadKey() {
        try {
            String encoded = keyValue.filter(v -> !v.isBlank()).orElse(null);
            if (encoded == null && keyFile.isPresent() && !keyFile.get().isBlank()) {
                encoded = Files.readString(Path.of(keyFile.get())).trim();
            }
            if (encoded != null) {
                byte[] bytes = Base64.getDecoder().decode(encoded);
                if (bytes.length != 32) {
                    throw new IllegalStateException("the secret key must be 32 bytes, base64-encoded");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new IllegalStateException("the secret key file " + keyFile.orElse("") + " cannot be read", e);
        }
        LOG.warning("No secret key is configured (relaydesk.secret-key-file): using one for this run only; "
                + "secrets saved now cannot be read after a restart");
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
