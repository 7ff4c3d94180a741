package org.relaydesk.core.widget;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A floating widget for a workspace's websites: where it may appear, how it looks, what it offers. */
@Entity
@Table(name = "widgets")
public class Widget extends org.relaydesk.core.persistence.WorkspaceOwned {
    @Column(nullable = false)
    private String name;

    @Column(name = "site_key", nullable = false, updatable = false)
    private String siteKey;

    @Column(name = "allowed_origins", nullable = false)
    private String allowedOrigins;

    @Column(nullable = false)
    private boolean active = true;

    @Column(name = "primary_color", nullable = false)
    private String primaryColor;

    @Column(nullable = false)
    private String position;

    @Column(name = "launcher_icon", nullable = false)
    private String launcherIcon;

    @Column(nullable = false)
    private String greeting;

    @Column(nullable = false)
    private String language;

    @Column(name = "show_help", nullable = false)
    private boolean showHelp;

    @Column(name = "show_contact", nullable = false)
    private boolean showContact;

    @Column(name = "business_calendar_id")
    private UUID businessCalendarId;

    @Column(name = "chat_team_id")
    private UUID chatTeamId;

    /** Sealed (SecretBox): the key host sites sign their users' identity with. */
    @Column(name = "identity_secret")
    private String identitySecret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected Widget() {
    }

    Widget(String siteKey, WidgetSettings settings) {
        this.siteKey = siteKey;
        apply(settings);
    }

    void apply(WidgetSettings settings) {
        this.name = settings.name();
        this.allowedOrigins = settings.allowedOrigins().text();
        this.active = settings.active();
        this.primaryColor = settings.primaryColor();
        this.position = settings.position();
        this.launcherIcon = settings.launcherIcon();
        this.greeting = settings.greeting();
        this.language = settings.language();
        this.showHelp = settings.showHelp();
        this.showContact = settings.showContact();
        this.businessCalendarId = settings.businessCalendarId();
        this.chatTeamId = settings.chatTeamId();
        this.updatedAt = Instant.now();
    }

    public String name() {
        return name;
    }

    String sealedIdentitySecret() {
        return identitySecret;
    }

    void sealedIdentitySecret(String sealed) {
        this.identitySecret = sealed;
        this.updatedAt = Instant.now();
    }

    public String siteKey() {
        return siteKey;
    }

    public String allowedOriginsText() {
        return allowedOrigins;
    }

    public AllowedOrigins allowedOrigins() {
        return AllowedOrigins.parse(allowedOrigins);
    }

    public boolean active() {
        return active;
    }

    public String primaryColor() {
        return primaryColor;
    }

    public String position() {
        return position;
    }

    public String launcherIcon() {
        return launcherIcon;
    }

    public String greeting() {
        return greeting;
    }

    /** The language chosen for every visitor; empty: each visitor's browser language. */
    public String language() {
        return language;
    }

    public boolean showHelp() {
        return showHelp;
    }

    public boolean showContact() {
        return showContact;
    }

    public UUID businessCalendarId() {
        return businessCalendarId;
    }

    /** The team a chat goes to (its strategy offers the chat to one of its agents first); null: every agent at the desk. */
    public UUID chatTeamId() {
        return chatTeamId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
