package org.relaydesk.core.user;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link CounterStore} whose keys are replaced by their HMAC-SHA256 under the installation's key before they
 * reach the store. A client chooses much of what a limiter is keyed by (the email address typed into a sign-in
 * form, an address in a trusted proxy's header): hashed, every key has the same short length, however long the
 * original, and nobody without the key can choose keys that land together in one part of a shared store to
 * push someone else's count out of it.
 */
final class HashedKeyStore implements CounterStore {
    private final CounterStore store;
    private final ThreadLocal<Mac> macs;

    HashedKeyStore(CounterStore store, byte[] key) {
        this.store = store;
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        });
    }

    private String hashed(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public OptionalLong get(String key) {
        return store.get(hashed(key));
    }

    @Override
    public boolean putIfAbsent(String key, long value) {
        return store.putIfAbsent(hashed(key), value);
    }

    @Override
    public boolean replace(String key, long expected, long value) {
        return store.replace(hashed(key), expected, value);
    }

    @Override
    public void put(String key, long value) {
        store.put(hashed(key), value);
    }

    @Override
    public void remove(String key) {
        store.remove(hashed(key));
    }
}
