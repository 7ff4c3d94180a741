package org.relaydesk.core.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A configured channel of a workspace (table channel_accounts); its settings as stored, secrets sealed. */
@Entity
@Table(name = "channel_accounts")
public class ChannelAccountRecord extends WorkspaceOwned {
    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean enabled = true;

    /** {"imap.host": "...", "imap.password": "enc:v1:..."} (jsonb) */
    @Column(nullable = false)
    private String config = "{}";

    @Column(name = "default_team_id")
    private UUID defaultTeamId;

    @Column(name = "default_category_id")
    private UUID defaultCategoryId;

    @Column(name = "default_priority")
    private String defaultPriority;

    @Column(nullable = false)
    private String status = "never_fetched";

    @Column(name = "saved_by_system_admin", nullable = false)
    private boolean savedBySystemAdmin;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "last_fetch_at")
    private Instant lastFetchAt;

    @Column(name = "acknowledgement_message")
    private String acknowledgementMessage;

    @Column(name = "away_message")
    private String awayMessage;

    @Column(name = "business_calendar_id")
    private UUID businessCalendarId;

    @Column(name = "auto_reply_interval_hours", nullable = false)
    private int autoReplyIntervalHours = AutoReplySettings.DEFAULT_INTERVAL_HOURS;

    @Column(name = "auto_reply_email", nullable = false)
    private boolean autoReplyEmail;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected ChannelAccountRecord() {
    }

    ChannelAccountRecord(String kind) {
        this.kind = kind;
    }

    void define(String newName, boolean isEnabled, String configJson, UUID team, UUID category, String priority) {
        this.name = newName;
        this.enabled = isEnabled;
        this.config = configJson;
        this.defaultTeamId = team;
        this.defaultCategoryId = category;
        this.defaultPriority = priority;
        this.updatedAt = Instant.now();
    }

    void answerWith(AutoReplySettings replies) {
        this.acknowledgementMessage = replies.acknowledgement();
        this.awayMessage = replies.away();
        this.businessCalendarId = replies.calendarId();
        this.autoReplyIntervalHours = replies.intervalHours();
        this.autoReplyEmail = replies.onEmail();
        this.updatedAt = Instant.now();
    }

    public AutoReplySettings autoReplies() {
        return new AutoReplySettings(acknowledgementMessage, awayMessage, businessCalendarId, autoReplyIntervalHours, autoReplyEmail);
    }

    void fetched(Instant at, String error) {
        this.lastFetchAt = at;
        this.lastError = error;
        this.status = error == null ? "ok" : "error";
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public String configJson() {
        return config;
    }

    public UUID defaultTeamId() {
        return defaultTeamId;
    }

    public UUID defaultCategoryId() {
        return defaultCategoryId;
    }

    public String defaultPriority() {
        return defaultPriority;
    }

    public String status() {
        return status;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastFetchAt() {
        return lastFetchAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Who saved the settings last decides whether the mailbox may carry the system administrator's password links. */
    void savedBy(boolean systemAdmin) {
        this.savedBySystemAdmin = systemAdmin;
    }

    public boolean savedBySystemAdmin() {
        return savedBySystemAdmin;
    }
}
