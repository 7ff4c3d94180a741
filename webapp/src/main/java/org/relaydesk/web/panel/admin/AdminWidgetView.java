package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.channel.NoticeMailer;
import org.relaydesk.core.sla.BusinessCalendars;
import org.relaydesk.core.sla.BusinessHours;
import org.relaydesk.core.widget.Widget;
import org.relaydesk.core.widget.WidgetService;
import org.relaydesk.core.widget.WidgetSettings;
import org.relaydesk.core.widget.WidgetTexts;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/widget: the workspace's floating widgets, each with the sites allowed to show it, its look,
 * its language and tabs, the team hours it tells visitors about, and the one tag to paste into a site.
 */
@Named
@ViewScoped
public class AdminWidgetView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    WidgetService widgets;

    @Inject
    BusinessCalendars calendars;

    private List<Widget> list;
    private String editingId;
    private String name;
    private String allowedOrigins;
    private boolean active = true;
    private String primaryColor = "#2563EB";
    private String position = "right";
    private String launcherIcon = "chat";
    private String greeting;
    private String language = "";
    private boolean showHelp = true;
    private boolean showContact = true;
    private String calendarId = "";
    private String chatTeamId = "";
    /** A widget's secret for signed visitors, shown on request until the page is left. */
    private String shownSecret;
    private String shownSecretFor;

    public List<Widget> getWidgets() {
        if (list == null) {
            list = widgets.list();
        }
        return list;
    }

    public List<BusinessHours> getCalendars() {
        return calendars.list();
    }

    @Inject
    org.relaydesk.core.team.TeamService teams;

    public List<org.relaydesk.core.team.Team> getTeams() {
        return teams.teams();
    }

    public String getChatTeamId() {
        return chatTeamId;
    }

    public void setChatTeamId(String chatTeamId) {
        this.chatTeamId = chatTeamId;
    }

    public List<String> getLanguages() {
        return WidgetTexts.LANGUAGES;
    }

    /** The tag a site pastes before its closing body tag. */
    public String snippet(Widget widget) {
        String base = NoticeMailer.baseUrl();
        return "<script src=\"" + base + "/widget.js\" data-api-url=\"" + base + "/api\" data-site-id=\"" + widget.siteKey() + "\" async></script>";
    }

    public void startNew() {
        editingId = null;
        name = null;
        allowedOrigins = null;
        active = true;
        primaryColor = "#2563EB";
        position = "right";
        launcherIcon = "chat";
        greeting = null;
        language = "";
        showHelp = true;
        showContact = true;
        calendarId = "";
        chatTeamId = "";
    }

    public void edit(Widget widget) {
        editingId = widget.id().toString();
        name = widget.name();
        allowedOrigins = widget.allowedOriginsText();
        active = widget.active();
        primaryColor = widget.primaryColor();
        position = widget.position();
        launcherIcon = widget.launcherIcon();
        greeting = widget.greeting();
        language = widget.language();
        showHelp = widget.showHelp();
        showContact = widget.showContact();
        calendarId = widget.businessCalendarId() == null ? "" : widget.businessCalendarId().toString();
        chatTeamId = widget.chatTeamId() == null ? "" : widget.chatTeamId().toString();
    }

    public void save() {
        boolean saved = PanelActions.attempt(() -> {
            WidgetSettings settings = WidgetSettings.of(name, allowedOrigins, active, primaryColor, position, launcherIcon, greeting, language, showHelp,
                    showContact, calendarId == null || calendarId.isBlank() ? null : id(calendarId, "business_calendar_id"),
                    chatTeamId == null || chatTeamId.isBlank() ? null : id(chatTeamId, "chat_team_id"));
            if (editingId == null) {
                widgets.create(settings);
            } else {
                widgets.update(id(editingId, "widget"), settings);
            }
        }, editingId == null ? "Widget added: paste its tag into your site" : "Widget saved");
        if (saved) {
            startNew();
            list = null;
        }
    }

    public void showSecret(Widget widget) {
        if (PanelActions.attempt(() -> shownSecret = widgets.identitySecret(widget.id()), null)) {
            shownSecretFor = widget.name();
        }
    }

    public void rotateSecret(Widget widget) {
        if (PanelActions.attempt(() -> shownSecret = widgets.rotateIdentitySecret(widget.id()),
                "A new secret was made: identities signed with the old one are refused from now on")) {
            shownSecretFor = widget.name();
        }
    }

    public String getShownSecret() {
        return shownSecret;
    }

    public String getShownSecretFor() {
        return shownSecretFor;
    }

    public void delete(Widget widget) {
        if (PanelActions.attempt(() -> widgets.delete(widget.id()), "Widget " + widget.name() + " deleted; sites that embed it no longer show it")) {
            list = null;
            if (widget.id().toString().equals(editingId)) {
                startNew();
            }
        }
    }

    /** A posted id, refused as input rather than failing the page when it is not one. */
    private static UUID id(String value, String field) {
        return org.relaydesk.core.persistence.Ids.parse(value)
                .orElseThrow(() -> new org.relaydesk.core.error.InvalidInputException(field, "is not one of the choices"));
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public String getEditingId() {
        return editingId;
    }

    public void setEditingId(String editingId) {
        this.editingId = editingId == null || editingId.isBlank() ? null : editingId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(String allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getPrimaryColor() {
        return primaryColor;
    }

    public void setPrimaryColor(String primaryColor) {
        this.primaryColor = primaryColor;
    }

    public String getPosition() {
        return position;
    }

    public void setPosition(String position) {
        this.position = position;
    }

    public String getLauncherIcon() {
        return launcherIcon;
    }

    public void setLauncherIcon(String launcherIcon) {
        this.launcherIcon = launcherIcon;
    }

    public String getGreeting() {
        return greeting;
    }

    public void setGreeting(String greeting) {
        this.greeting = greeting;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public boolean isShowHelp() {
        return showHelp;
    }

    public void setShowHelp(boolean showHelp) {
        this.showHelp = showHelp;
    }

    public boolean isShowContact() {
        return showContact;
    }

    public void setShowContact(boolean showContact) {
        this.showContact = showContact;
    }

    public String getCalendarId() {
        return calendarId;
    }

    public void setCalendarId(String calendarId) {
        this.calendarId = calendarId;
    }
}
