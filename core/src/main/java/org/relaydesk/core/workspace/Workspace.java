package org.relaydesk.core.workspace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.persistence.Ids;

/** The tenant: one company's help desk. Everything else belongs to exactly one workspace. */
@Entity
@Table(name = "workspaces")
public class Workspace {
    public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    @Id
    private UUID id = Ids.newId();

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, unique = true)
    private String slug;

    @Column(name = "ticket_prefix", nullable = false)
    private String ticketPrefix = "#";

    @Column(name = "time_zone", nullable = false)
    private String timeZone = "UTC";

    @Column(name = "brand_color", nullable = false)
    private String brandColor = "#3B82F6";

    /** Kept out of every ticket query: loaded only when the logo itself is served. */
    @jakarta.persistence.Basic(fetch = jakarta.persistence.FetchType.LAZY)
    private byte[] logo;

    @Column(name = "logo_type")
    private String logoType;

    @Column(name = "restrict_to_teams", nullable = false)
    private boolean restrictToTeams;

    /** A messaging ticket solved less than this long ago is reopened by the customer's next message (default three days). */
    @Column(name = "messaging_reopen_hours", nullable = false)
    private int messagingReopenHours = 72;

    /** Portal customers also see the tickets of requesters with their email domain (never a webmail domain). */
    @Column(name = "portal_shares_by_domain", nullable = false)
    private boolean portalSharesByDomain;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Version
    private long version;

    protected Workspace() {
    }

    public Workspace(String name, String slug) {
        this.name = name;
        this.slug = slug;
    }

    /** The PostgreSQL sequence that numbers this workspace's tickets (numbers never repeat). */
    public String ticketSequenceName() {
        return "ticket_number_" + id.toString().replace("-", "");
    }

    public String displayNumber(long number) {
        return ticketPrefix + number;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String slug() {
        return slug;
    }

    public String ticketPrefix() {
        return ticketPrefix;
    }

    public String timeZone() {
        return timeZone;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public int messagingReopenHours() {
        return messagingReopenHours;
    }

    public void changeMessagingReopenHours(int hours) {
        this.messagingReopenHours = hours;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public void changeTicketPrefix(String prefix) {
        this.ticketPrefix = prefix;
    }

    public void changeTimeZone(String zone) {
        this.timeZone = zone;
    }

    public void changeBrandColor(String color) {
        this.brandColor = color;
    }

    public void changeLogo(byte[] image, String contentType) {
        this.logo = image == null ? null : image.clone();
        this.logoType = image == null ? null : contentType;
    }

    public void restrictToTeams(boolean restricted) {
        this.restrictToTeams = restricted;
    }

    public void sharePortalTicketsByDomain(boolean shared) {
        this.portalSharesByDomain = shared;
    }

    public boolean portalSharesByDomain() {
        return portalSharesByDomain;
    }

    /** Agents and supervisors see only their teams' tickets, tickets without a team, and their own. */
    public boolean restrictsToTeams() {
        return restrictToTeams;
    }

    public String brandColor() {
        return brandColor;
    }

    public boolean hasLogo() {
        return logoType != null;
    }

    public String logoType() {
        return logoType;
    }

    public byte[] logo() {
        return logo == null ? null : logo.clone();
    }

    public long version() {
        return version;
    }
}
