package org.relaydesk.core.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id (OWASP's first choice) with a per-hash salt; the parameters travel inside the hash. */
public final class PasswordHasher {
    /** 19 MiB, 2 iterations, 1 lane: OWASP's minimum recommendation for Argon2id. */
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    private PasswordHasher() {
    }

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Spends the same time as a real check, so that unknown addresses cannot be told by timing. */
    public static void burnTime(String password) {
        matches(password, DUMMY);
    }

    private static final String DUMMY = hash("relaydesk-dummy-password");
}
