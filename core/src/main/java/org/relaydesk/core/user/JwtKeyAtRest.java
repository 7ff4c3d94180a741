package org.relaydesk.core.user;

import java.util.Base64;
import java.util.logging.Logger;
import org.relaydesk.core.persistence.SecretBox;

/**
 * The session-token signing key as it sits in system_settings: sealed with the installation's
 * secret key, like channel secrets, so a database dump alone cannot forge staff sessions. A key
 * stored in clear by an earlier version is kept (sessions stay valid) and sealed on the next start.
 */
final class JwtKeyAtRest {
    static final String SETTING = "jwt.hs256.key";
    /** What the sealed value is bound to, so it does not open if copied into another setting. */
    static final String BOUND_TO = "system-setting:" + SETTING;
    private static final Logger LOG = Logger.getLogger(JwtKeyAtRest.class.getName());

    /** The key to sign with, and the value to store in place of the one read (null: keep it). */
    record Loaded(byte[] key, String replacement) {
    }

    private JwtKeyAtRest() {
    }

    /** A new random key, sealed, ready to be stored. */
    static String newSealed(SecretBox box) {
        return box.seal(Base64.getEncoder().encodeToString(Secrets.randomBytes(32)), BOUND_TO);
    }

    static Loaded load(String stored, SecretBox box) {
        if (SecretBox.isSealed(stored)) {
            try {
                return new Loaded(Base64.getDecoder().decode(box.open(stored, BOUND_TO)), null);
            } catch (IllegalStateException e) {
                // The installation's key changed (or was lost): the old key is gone for good, and so
                // are the sessions it signed. A new key lets everyone sign in again.
                LOG.severe("The session signing key cannot be decrypted with this installation's secret key; "
                        + "a new one is made and everyone has to sign in again");
                String fresh = newSealed(box);
                return new Loaded(Base64.getDecoder().decode(box.open(fresh, BOUND_TO)), fresh);
            }
        }
        byte[] key = Base64.getDecoder().decode(stored.trim());
        return new Loaded(key, box.seal(stored.trim(), BOUND_TO));
    }
}
