package org.relaydesk.core.audit;

import java.util.UUID;

/**
 * A domain event: an action the audit log must record, fired by the service that did it (CDI, in
 * its transaction, so that the record and the change commit or roll back together). Who did it and
 * from where come from the request ({@code Caller}) unless {@code actorId}/{@code actorLabel} name
 * someone (a sign-in, where nobody is signed in yet). {@code before} and {@code after} are short
 * descriptions of what changed ("role: agent" → "role: admin"), never secrets.
 */
public record Audited(UUID workspaceId, AuditAction action, String targetType, String targetId, String targetLabel, String before,
        String after, UUID actorId, String actorLabel) {

    public static Audited of(UUID workspaceId, AuditAction action, String targetType, Object targetId, String targetLabel) {
        return new Audited(workspaceId, action, targetType, targetId == null ? null : targetId.toString(), targetLabel, null, null, null, null);
    }

    public Audited changed(String fromValue, String toValue) {
        return new Audited(workspaceId, action, targetType, targetId, targetLabel, fromValue, toValue, actorId, actorLabel);
    }

    public Audited by(UUID id, String label) {
        return new Audited(workspaceId, action, targetType, targetId, targetLabel, before, after, id, label);
    }
}
