package org.relaydesk.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Installation-wide settings shared by all nodes (e.g. the token signing key). */
@ApplicationScoped
public class SystemSettings {
    @Inject
    Tenancy tenancy;

    public Optional<String> get(String key) {
        List<?> rows = tenancy.sql("SELECT value FROM system_settings WHERE key = ?1")
                .setParameter(1, key).getResultList();
        return rows.stream().findFirst().map(Object::toString);
    }

    /** Returns the stored value, storing {@code initial} first if there is none (safe on racing nodes). */
    @Transactional
    public String getOrCreate(String key, Supplier<String> initial) {
        tenancy.sql("INSERT INTO system_settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING")
                .setParameter(1, key).setParameter(2, initial.get()).executeUpdate();
        return get(key).orElseThrow();
    }

    /** Replaces the value only if it is still {@code expected}; false when another node changed it first. */
    @Transactional
    public boolean replace(String key, String expected, String value) {
        return tenancy.sql("UPDATE system_settings SET value = ?1 WHERE key = ?2 AND value = ?3")
                .setParameter(1, value).setParameter(2, key).setParameter(3, expected).executeUpdate() == 1;
    }
}
