package org.relaydesk.core.kb;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * Who reads or writes the knowledge base of one workspace, and what that allows. The rules:
 * <ul>
 * <li>the public reads published public articles; a signed-in customer also published
 * customer-only ones; staff read everything of their own workspace, drafts and internal articles too;</li>
 * <li>an agent writes drafts: creates articles and translations and edits them while they are drafts;</li>
 * <li>a supervisor or admin also publishes, unpublishes, edits published articles, reverts, deletes
 * and manages categories: what customers read has been looked at by someone who answers for it.</li>
 * </ul>
 */
public record Reader(UUID workspaceId, Kind kind, UUID userId, String name, Role role) {
    public enum Kind { PUBLIC, CUSTOMER, STAFF }

    public static Reader visitor(UUID workspaceId) {
        return new Reader(workspaceId, Kind.PUBLIC, null, "", null);
    }

    public static Reader customer(UUID workspaceId, UUID contactId) {
        return new Reader(workspaceId, Kind.CUSTOMER, contactId, "", null);
    }

    public static Reader staff(AuthenticatedUser user) {
        return new Reader(user.workspaceId(), Kind.STAFF, user.id(), user.name(), user.role());
    }

    /** The system's own work (demo data, imports): a supervisor's rights, no author. */
    public static Reader system(UUID workspaceId) {
        return new Reader(workspaceId, Kind.STAFF, null, "Relaydesk", Role.ADMIN);
    }

    public boolean isStaff() {
        return kind == Kind.STAFF;
    }

    /** The visibilities of the published articles this reader may see. */
    public Set<Visibility> visibilities() {
        return switch (kind) {
            case PUBLIC -> EnumSet.of(Visibility.PUBLIC);
            case CUSTOMER -> EnumSet.of(Visibility.PUBLIC, Visibility.CUSTOMERS);
            case STAFF -> EnumSet.allOf(Visibility.class);
        };
    }

    public boolean sees(KbArticle article) {
        return article.workspaceId().equals(workspaceId)
                && (isStaff() || article.status() == ArticleStatus.PUBLISHED && visibilities().contains(article.visibility()));
    }

    public boolean writes() {
        return isStaff();
    }

    /** Publishing, editing what is published, reverting, deleting, categories. */
    public boolean publishes() {
        return isStaff() && role.atLeast(Role.SUPERVISOR);
    }

    public boolean mayEdit(KbArticle article) {
        return isStaff() && article.workspaceId().equals(workspaceId) && (publishes() || article.status() == ArticleStatus.DRAFT);
    }
}
