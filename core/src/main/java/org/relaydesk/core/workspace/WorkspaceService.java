package org.relaydesk.core.workspace;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
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
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    @Inject
    jakarta.enterprise.event.Event<WorkspaceCreated> created;

    @Inject
    Tenancy tenancy;

    @Inject
    UserService users;

    public record Created(Workspace workspace, User admin) {
    }

    @Transactional
    @RequiresRole(systemAdmin = true)
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
        created.fire(new WorkspaceCreated(workspace.id()));
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
    @RequiresRole(systemAdmin = true)
    public List<Workspace> list() {
        return tenancy.global().createQuery("SELECT w FROM Workspace w ORDER BY w.createdAt", Workspace.class).getResultList();
    }

    /** The prefix glues to the number, so it may not end in a digit ("T2" + 1001 would read as T21001). */
    static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("[#A-Za-z0-9_-]{0,15}[#A-Za-z_-]|");
    static final int MAX_LOGO_BYTES = 256 * 1024;

    /** The admin's settings of the current workspace: name, ticket number prefix, time zone, brand colour. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Workspace updateSettings(String name, String ticketPrefix, String timeZone, String brandColor, boolean restrictToTeams) {
        String prefix = ticketPrefix == null ? "" : ticketPrefix.trim();
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(name != null && !name.isBlank() && name.length() <= 200, "name", "is required (at most 200 characters)")
                .check(PREFIX.matcher(prefix).matches(), "ticket_prefix", "up to 16 letters, digits, #, - or _, not ending in a digit")
                .check(isZone(timeZone), "time_zone", "must be a time zone such as Europe/Berlin")
                .check(brandColor != null && org.relaydesk.core.ticket.Category.COLOR.matcher(brandColor.trim()).matches(), "brand_color",
                        "must be a colour such as #3B82F6");
        errors.throwIfAny();
        Workspace workspace = get(tenancy.workspaceId());
        String before = describe(workspace);
        workspace.rename(name.trim());
        workspace.changeTicketPrefix(prefix);
        workspace.changeTimeZone(java.time.ZoneId.of(timeZone.trim()).getId());
        workspace.changeBrandColor(brandColor.trim().toUpperCase(java.util.Locale.ROOT));
        workspace.restrictToTeams(restrictToTeams);
        String after = describe(workspace);
        if (!after.equals(before)) {
            audit.fire(org.relaydesk.core.audit.Audited.of(workspace.id(), org.relaydesk.core.audit.AuditAction.WORKSPACE_SETTINGS_CHANGED, "workspace",
                    workspace.id(), workspace.name()).changed(before, after));
        }
        return workspace;
    }

    private void settingChanged(Workspace workspace, String after) {
        audit.fire(org.relaydesk.core.audit.Audited.of(workspace.id(), org.relaydesk.core.audit.AuditAction.WORKSPACE_SETTINGS_CHANGED, "workspace",
                workspace.id(), workspace.name()).changed(null, after));
    }

    private static String describe(Workspace workspace) {
        return "name: " + workspace.name() + "; prefix: " + workspace.ticketPrefix() + "; time zone: " + workspace.timeZone() + "; colour: "
                + workspace.brandColor() + "; restricted to teams: " + workspace.restrictsToTeams();
    }

    /**
     * Whether portal customers also see their organisation's tickets: those of requesters whose
     * email address has the same domain as theirs (public webmail domains never count).
     */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Workspace changePortalSharing(boolean byDomain) {
        Workspace workspace = get(tenancy.workspaceId());
        workspace.sharePortalTicketsByDomain(byDomain);
        settingChanged(workspace, "portal: customers see their organisation's tickets: " + byDomain);
        return workspace;
    }

    /**
     * How long after a messaging ticket (WhatsApp) was solved the customer's next message on the same
     * account reopens it instead of opening a new ticket: 0 to 8760 hours (a year); 0 never reopens.
     */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Workspace changeMessagingReopenHours(int hours) {
        if (hours < 0 || hours > 8760) {
            throw new InvalidInputException("messaging_reopen_hours", "must be 0 to 8760 hours");
        }
        Workspace workspace = get(tenancy.workspaceId());
        workspace.changeMessagingReopenHours(hours);
        settingChanged(workspace, "messaging: reopen a solved ticket for " + hours + " hours");
        return workspace;
    }

    /**
     * A new logo (PNG, JPEG, GIF or WebP, recognised by its bytes, not its name; at most 256 KB), or
     * none. SVG is refused: it can carry script.
     */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Workspace changeLogo(byte[] image) {
        Workspace workspace = get(tenancy.workspaceId());
        if (image == null) {
            workspace.changeLogo(null, null);
            settingChanged(workspace, "logo: removed");
            return workspace;
        }
        if (image.length > MAX_LOGO_BYTES) {
            throw new InvalidInputException("logo", "must be at most 256 KB");
        }
        String type = imageType(image).orElseThrow(() -> new InvalidInputException("logo", "must be a PNG, JPEG, GIF or WebP image"));
        workspace.changeLogo(image, type);
        settingChanged(workspace, "logo: a new " + type + " of " + image.length + " bytes");
        return workspace;
    }

    static Optional<String> imageType(byte[] b) {
        if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return Optional.of("image/png");
        }
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return Optional.of("image/gif");
        }
        if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private static boolean isZone(String zone) {
        try {
            return zone != null && java.time.ZoneId.of(zone.trim()) != null;
        } catch (java.time.DateTimeException e) {
            return false;
        }
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
