package org.relaydesk.core.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.workspace.Workspace;

/**
 * The current workspace's wording of each notice: its own where an admin saved one, else the shipped
 * default. Reading for sending needs no role (the outbox delivers for the workspace); listing,
 * changing, previewing and resetting are for admins, checked here.
 */
@ApplicationScoped
public class NoticeTemplates {
    @Inject
    Tenancy tenancy;

    Clock clock = Clock.systemUTC();

    /** A notice's wording as the admin page shows it; {@code custom}: the workspace changed it. */
    public record Template(NoticeKind kind, String subject, String body, boolean custom) {
    }

    /** The wording the current workspace sends for {@code kind}. */
    @Transactional
    public NoticeText current(NoticeKind kind) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT subject, body FROM notice_templates WHERE workspace_id = CAST(?1 AS uuid) AND notice = ?2")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, kind.key()).getResultList();
        return rows.isEmpty() ? new NoticeText(kind.defaultSubject(), kind.defaultBody())
                : new NoticeText(rows.get(0)[0].toString(), rows.get(0)[1].toString());
    }

    /** The notice for {@code kind} filled with {@code values}. */
    @Transactional
    public NoticeText render(NoticeKind kind, Map<String, String> values) {
        return current(kind).render(values);
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<Template> list() {
        return java.util.Arrays.stream(NoticeKind.values()).map(this::template).toList();
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public Template get(NoticeKind kind) {
        return template(kind);
    }

    /** Saves the workspace's wording (checked: see {@link NoticeText#checked}). */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Template save(NoticeKind kind, String subject, String body) {
        NoticeText text = NoticeText.checked(kind, subject, body);
        tenancy.sql("INSERT INTO notice_templates (workspace_id, notice, subject, body, updated_at) VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, ?5) "
                        + "ON CONFLICT (workspace_id, notice) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_at = EXCLUDED.updated_at")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, kind.key()).setParameter(3, text.subject())
                .setParameter(4, text.body()).setParameter(5, java.sql.Timestamp.from(clock.instant())).executeUpdate();
        return template(kind);
    }

    /** Back to the shipped wording. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Template reset(NoticeKind kind) {
        tenancy.sql("DELETE FROM notice_templates WHERE workspace_id = CAST(?1 AS uuid) AND notice = ?2")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, kind.key()).executeUpdate();
        return template(kind);
    }

    /** What a wording (checked, not saved) looks like with sample values. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public NoticeText preview(NoticeKind kind, String subject, String body) {
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        return NoticeText.checked(kind, subject, body).render(NoticeText.sample(workspace == null ? "Relaydesk" : workspace.name()));
    }

    private Template template(NoticeKind kind) {
        NoticeText text = current(kind);
        return new Template(kind, text.subject(), text.body(), !text.subject().equals(kind.defaultSubject()) || !text.body().equals(kind.defaultBody())
                || customised(kind));
    }

    private boolean customised(NoticeKind kind) {
        return !tenancy.sql("SELECT 1 FROM notice_templates WHERE workspace_id = CAST(?1 AS uuid) AND notice = ?2")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, kind.key()).getResultList().isEmpty();
    }
}
