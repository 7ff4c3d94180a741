package org.relaydesk.core.csat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.relaydesk.core.persistence.Tenancy;

/** The current workspace's survey settings (its row in csat_settings, or the defaults). */
@ApplicationScoped
public class CsatSettingsStore {
    @Inject
    Tenancy tenancy;

    /** Runs in the caller's transaction. */
    public SurveySettings current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT enabled, delay_minutes, expiry_days, send_email, send_whatsapp, subject, body, question "
                + "FROM csat_settings WHERE workspace_id = CAST(?1 AS uuid)").setParameter(1, tenancy.workspaceId().toString()).getResultList();
        if (rows.isEmpty()) {
            return SurveySettings.defaults();
        }
        Object[] r = rows.get(0);
        return new SurveySettings((Boolean) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).intValue(), (Boolean) r[3], (Boolean) r[4],
                (String) r[5], (String) r[6], (String) r[7]);
    }

    void save(SurveySettings s) {
        tenancy.sql("INSERT INTO csat_settings (workspace_id, enabled, delay_minutes, expiry_days, send_email, send_whatsapp, subject, body, question, updated_at) "
                        + "VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, now()) ON CONFLICT (workspace_id) DO UPDATE SET enabled = EXCLUDED.enabled, "
                        + "delay_minutes = EXCLUDED.delay_minutes, expiry_days = EXCLUDED.expiry_days, send_email = EXCLUDED.send_email, "
                        + "send_whatsapp = EXCLUDED.send_whatsapp, subject = EXCLUDED.subject, body = EXCLUDED.body, question = EXCLUDED.question, updated_at = now()")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, s.enabled()).setParameter(3, s.delayMinutes())
                .setParameter(4, s.expiryDays()).setParameter(5, s.sendEmail()).setParameter(6, s.sendWhatsApp()).setParameter(7, s.subject())
                .setParameter(8, s.body()).setParameter(9, s.question()).executeUpdate();
    }
}
