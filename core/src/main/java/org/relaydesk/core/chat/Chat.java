package org.relaydesk.core.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A live chat from the widget: its ticket (the thread), who is in it, its state, typing and reading. */
@Entity
@Table(name = "chats")
public class Chat extends WorkspaceOwned {
    public static final String WAITING = "waiting";
    public static final String ACTIVE = "active";
    public static final String ENDED = "ended";

    @Column(name = "ticket_id", nullable = false, updatable = false)
    private UUID ticketId;

    @Column(name = "widget_id")
    private UUID widgetId;

    @Column(name = "visitor_token_hash", nullable = false, updatable = false)
    private String visitorTokenHash;

    @Column(nullable = false)
    private String status = WAITING;

    @Column(name = "agent_id")
    private UUID agentId;

    @Column(name = "page_url")
    private String pageUrl;

    @Column(name = "ended_by")
    private String endedBy;

    @Column(name = "visitor_typing_at")
    private Instant visitorTypingAt;

    @Column(name = "agent_typing_at")
    private Instant agentTypingAt;

    @Column(name = "visitor_read_at")
    private Instant visitorReadAt;

    @Column(name = "agent_read_at")
    private Instant agentReadAt;

    @Column(name = "visitor_seen_at", nullable = false)
    private Instant visitorSeenAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    protected Chat() {
    }

    Chat(UUID ticketId, UUID widgetId, String visitorTokenHash, String pageUrl, Instant now) {
        this.ticketId = ticketId;
        this.widgetId = widgetId;
        this.visitorTokenHash = visitorTokenHash;
        this.pageUrl = pageUrl;
        this.createdAt = now;
        this.visitorSeenAt = now;
    }

    boolean live() {
        return !ENDED.equals(status);
    }

    void accept(UUID agent, Instant now) {
        this.agentId = agent;
        this.status = ACTIVE;
        if (acceptedAt == null) {
            acceptedAt = now;
        }
    }

    /** Handed to a team: nobody has it until one of them accepts. */
    void backToWaiting() {
        this.agentId = null;
        this.status = WAITING;
    }

    void end(String by, Instant now) {
        this.status = ENDED;
        this.endedBy = by;
        this.endedAt = now;
    }

    void visitorTyping(Instant now) {
        visitorTypingAt = now;
        visitorSeenAt = now;
    }

    void agentTyping(Instant now) {
        agentTypingAt = now;
    }

    void visitorRead(Instant now) {
        visitorReadAt = now;
        visitorSeenAt = now;
    }

    void agentRead(Instant now) {
        agentReadAt = now;
    }

    /** A line from the visitor: no longer typing, and they have read all before it. */
    void visitorSpoke(Instant now) {
        visitorTypingAt = null;
        visitorRead(now);
    }

    /** A line from the agent: no longer typing, and they have read all before it. */
    void agentSpoke(Instant now) {
        agentTypingAt = null;
        agentReadAt = now;
    }

    void visitorSeen(Instant now) {
        visitorSeenAt = now;
    }

    public UUID ticketId() {
        return ticketId;
    }

    public UUID widgetId() {
        return widgetId;
    }

    String visitorTokenHash() {
        return visitorTokenHash;
    }

    public String status() {
        return status;
    }

    public UUID agentId() {
        return agentId;
    }

    public String pageUrl() {
        return pageUrl;
    }

    public String endedBy() {
        return endedBy;
    }

    public Instant visitorTypingAt() {
        return visitorTypingAt;
    }

    public Instant agentTypingAt() {
        return agentTypingAt;
    }

    public Instant visitorReadAt() {
        return visitorReadAt;
    }

    public Instant agentReadAt() {
        return agentReadAt;
    }

    public Instant visitorSeenAt() {
        return visitorSeenAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }
}
