package org.relaydesk.web.panel.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import org.primefaces.model.file.UploadedFile;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;
import org.relaydesk.web.panel.PanelActions;

/** /admin/settings: the workspace's name, ticket number prefix, time zone, brand colour, logo and messaging reopen time. */
@Named
@ViewScoped
public class AdminSettingsView implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    @Inject
    WorkspaceService workspaces;

    @Inject
    Tenancy tenancy;

    private String name;
    private String ticketPrefix;
    private String timeZone;
    private String brandColor;
    private boolean restrictToTeams;
    private boolean hasLogo;
    private long logoVersion;
    private transient UploadedFile logo;
    private Integer messagingReopenHours;

    @PostConstruct
    void load() {
        Workspace workspace = workspaces.get(tenancy.workspaceId());
        name = workspace.name();
        ticketPrefix = workspace.ticketPrefix();
        timeZone = workspace.timeZone();
        brandColor = workspace.brandColor();
        restrictToTeams = workspace.restrictsToTeams();
        hasLogo = workspace.hasLogo();
        logoVersion = workspace.version();
        messagingReopenHours = workspace.messagingReopenHours();
        portalSharesByDomain = workspace.portalSharesByDomain();
        slug = workspace.slug();
    }

    private boolean portalSharesByDomain;
    private String slug;

    public void savePortal() throws java.io.IOException {
        boolean shared = portalSharesByDomain;
        if (PanelActions.attempt(() -> workspaces.changePortalSharing(shared), null)) {
            reloadWith("Portal setting saved");
        }
    }

    public boolean isPortalSharesByDomain() {
        return portalSharesByDomain;
    }

    public void setPortalSharesByDomain(boolean value) {
        this.portalSharesByDomain = value;
    }

    public String getSlug() {
        return slug;
    }

    public void saveMessaging() throws java.io.IOException {
        Integer hours = messagingReopenHours;
        if (hours == null) {
            PanelActions.error("Reopen time: enter a number of hours (0 to 8760).");
            return;
        }
        if (PanelActions.attempt(() -> workspaces.changeMessagingReopenHours(hours), null)) {
            reloadWith("Reopen time saved");
        }
    }

    public Integer getMessagingReopenHours() {
        return messagingReopenHours;
    }

    public void setMessagingReopenHours(Integer value) {
        this.messagingReopenHours = value;
    }

    /** Saved settings show on a fresh page: the top bar's name and colour come from them. */
    public void save() throws java.io.IOException {
        String hex = brandColor == null || brandColor.startsWith("#") ? brandColor : "#" + brandColor;
        if (PanelActions.attempt(() -> workspaces.updateSettings(name, ticketPrefix, timeZone, hex, restrictToTeams), null)) {
            reloadWith("Settings saved");
        }
    }

    private static void reloadWith(String message) throws java.io.IOException {
        PanelActions.infoAfterRedirect(message);
        var external = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext();
        external.redirect(external.getRequestContextPath() + "/admin/settings");
    }

    public void uploadLogo() throws java.io.IOException {
        if (logo == null || logo.getSize() == 0) {
            PanelActions.error("Choose an image file first.");
            return;
        }
        byte[] image = logo.getContent();
        if (PanelActions.attempt(() -> workspaces.changeLogo(image), null)) {
            reloadWith("Logo uploaded");
        }
    }

    public void removeLogo() throws java.io.IOException {
        if (PanelActions.attempt(() -> workspaces.changeLogo(null), null)) {
            reloadWith("Logo removed");
        }
    }

    public List<String> getZones() {
        return ZONES;
    }

    public String getLogoUrl() {
        return hasLogo ? "/branding/logo?v=" + logoVersion : null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTicketPrefix() {
        return ticketPrefix;
    }

    public void setTicketPrefix(String ticketPrefix) {
        this.ticketPrefix = ticketPrefix;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getBrandColor() {
        return brandColor;
    }

    public void setBrandColor(String brandColor) {
        this.brandColor = brandColor;
    }

    public boolean isRestrictToTeams() {
        return restrictToTeams;
    }

    public void setRestrictToTeams(boolean restrictToTeams) {
        this.restrictToTeams = restrictToTeams;
    }

    public UploadedFile getLogo() {
        return logo;
    }

    public void setLogo(UploadedFile logo) {
        this.logo = logo;
    }
}
