package org.relaydesk.core.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;

/** Creates workspaces with their first admin, and finds them. */
@ApplicationScoped
public class WorkspaceService {
    /** Ticket numbers start here, as users of other help desks expect (#1001). */
    public static final long FIRST_TICKET_NUMBER = 1001;

    @Inject
    Tenancy tenancy;

    @Inject
    UserService users;

    public record Created(Workspace workspace, User admin) {
    }

    @Transactional
    public Created create(String name, String slug, UserService.NewUser admin) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(name != null && !name.isBlank() && name.length() <= 200, "name", "is required (at most 200 characters)")
                .check(slug != null && Workspace.SLUG.matcher(slug).matches(), "slug",
                        "must be 1 to 64 lowercase letters, digits or dashes")
                .check(admin != null, "admin", "is required");
        errors.throwIfAny();
        if (findBySlug(slug).isPresent()) {
            throw new ConflictException("A workspace with slug '" + slug + "' already exists");
        }
        Workspace workspace = new Workspace(name.trim(), slug);
        tenancy.global().persist(workspace);
        tenancy.sql("CREATE SEQUENCE " + workspace.ticketSequenceName() + " START WITH " + FIRST_TICKET_NUMBER)
                .executeUpdate();
        tenancy.global().flush();
        tenancy.actAs(workspace.id());
        User first = users.create(new UserService.NewUser(admin.email(), admin.name(), "admin", admin.password()));
        return new Created(workspace, first);
    }

    @Transactional
    public Optional<Workspace> findBySlug(String slug) {
        return tenancy.global().createQuery("SELECT w FROM Workspace w WHERE w.slug = :slug", Workspace.class)
                .setParameter("slug", slug).getResultStream().findFirst();
    }

    @Transactional
    public Workspace get(UUID id) {
        Workspace workspace = tenancy.global().find(Workspace.class, id);
        if (workspace == null) {
            throw new NotFoundException("Workspace");
        }
        return workspace;
    }

    /** The workspace named by an id or a slug, as the public endpoints accept either. */
    @Transactional
    public Optional<Workspace> findByIdOrSlug(String idOrSlug) {
        if (idOrSlug == null) {
            return Optional.empty();
        }
        return org.relaydesk.core.persistence.Ids.parse(idOrSlug)
                .map(id -> Optional.ofNullable(tenancy.global().find(Workspace.class, id)))
                .orElseGet(() -> findBySlug(idOrSlug.trim()));
    }

    @Transactional
    public List<Workspace> list() {
        return tenancy.global().createQuery("SELECT w FROM Workspace w ORDER BY w.createdAt", Workspace.class).getResultList();
    }

    /** Draws the next ticket number of the current workspace. Gaps are possible, repeats are not. */
    public long nextTicketNumber() {
        Workspace workspace = get(tenancy.workspaceId());
        Object value = tenancy.sql("SELECT nextval('" + workspace.ticketSequenceName() + "')").getSingleResult();
        return ((Number) value).longValue();
    }

    /** True until the first workspace exists: the installation still needs its bootstrap admin. */
    @Transactional
    public boolean isEmpty() {
        return tenancy.global().createQuery("SELECT COUNT(w) FROM Workspace w", Long.class).getSingleResult() == 0;
    }
}
