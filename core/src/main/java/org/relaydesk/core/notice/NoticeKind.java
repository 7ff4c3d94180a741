package org.relaydesk.core.notice;

import java.util.List;
import java.util.Optional;

/**
 * The notices Relaydesk writes itself, each with the wording it ships (an admin may replace it per
 * workspace) and the {{variables}} it may use: those of canned responses (customer_name,
 * ticket_number, agent_name, contact.name, ticket.number) and its own.
 */
public enum NoticeKind {
    CUSTOMER_REPLY("customer_reply", "Reply to a customer by email",
            "An agent's reply to a ticket whose channel cannot send (a web form, the portal, the API), emailed through the workspace's mailbox.",
            "{{ticket.subject}}",
            "{{reply}}\n\n---\nFollow your request {{ticket_number}}, or add to it: {{status_link}}\nOr simply answer this email.",
            List.of("customer_name", "contact.name", "ticket_number", "ticket.number", "ticket.subject", "agent_name", "workspace_name", "reply",
                    "status_link")),
    TICKET_RECEIVED("ticket_received", "We have your request",
            "Sent to a customer who used a web form, with the ticket's number and its status page.",
            "[{{ticket_number}}] We have your request: {{ticket.subject}}",
            "Hello,\n\nthank you for writing to {{workspace_name}}. Your request {{ticket_number}} ({{ticket.subject}}) is with us, "
                    + "and we will answer by email.\n\nYou can follow it, and add to it, here:\n\n{{status_link}}\n\n"
                    + "Keep this link to yourself: it opens your request.\n",
            List.of("customer_name", "contact.name", "ticket_number", "ticket.number", "ticket.subject", "workspace_name", "status_link")),
    AGENT_ASSIGNED("agent_assigned", "Assigned to you",
            "To an agent when a ticket is assigned to them (unless they did it, or switched it off in their settings).",
            "[{{ticket_number}}] Assigned to you: {{ticket.subject}}",
            "Hello {{agent_name}},\n\n{{actor_name}} assigned ticket {{ticket_number}} ({{ticket.subject}}, from {{customer_name}}) to you.\n\n{{ticket_link}}\n",
            List.of("agent_name", "actor_name", "customer_name", "contact.name", "ticket_number", "ticket.number", "ticket.subject", "workspace_name",
                    "ticket_link")),
    AGENT_CUSTOMER_REPLIED("agent_customer_replied", "The customer replied",
            "To the assignee when the customer writes on their ticket (unless they switched it off).",
            "[{{ticket_number}}] {{customer_name}} replied: {{ticket.subject}}",
            "Hello {{agent_name}},\n\n{{customer_name}} wrote on ticket {{ticket_number}} ({{ticket.subject}}):\n\n{{excerpt}}\n\n{{ticket_link}}\n",
            List.of("agent_name", "customer_name", "contact.name", "ticket_number", "ticket.number", "ticket.subject", "workspace_name", "excerpt",
                    "ticket_link")),
    AGENT_MENTIONED("agent_mentioned", "You were mentioned",
            "To a colleague @mentioned in an internal note (unless they switched it off), linking to the note.",
            "[{{ticket_number}}] {{actor_name}} mentioned you: {{ticket.subject}}",
            "Hello {{agent_name}},\n\n{{actor_name}} mentioned you in a note on ticket {{ticket_number}} ({{ticket.subject}}):\n\n{{excerpt}}\n\n"
                    + "{{ticket_link}}\n",
            List.of("agent_name", "actor_name", "customer_name", "contact.name", "ticket_number", "ticket.number", "ticket.subject", "workspace_name",
                    "excerpt", "ticket_link")),
    AGENT_NOTE_ADDED("agent_note_added", "A note on your ticket",
            "To the assignee when a colleague adds an internal note to their ticket (if they chose it in their settings).",
            "[{{ticket_number}}] {{actor_name}} added a note: {{ticket.subject}}",
            "Hello {{agent_name}},\n\n{{actor_name}} added a note to your ticket {{ticket_number}} ({{ticket.subject}}):\n\n{{excerpt}}\n\n{{ticket_link}}\n",
            List.of("agent_name", "actor_name", "customer_name", "contact.name", "ticket_number", "ticket.number", "ticket.subject", "workspace_name",
                    "excerpt", "ticket_link"));

    private final String key;
    private final String title;
    private final String purpose;
    private final String defaultSubject;
    private final String defaultBody;
    private final List<String> variables;

    NoticeKind(String key, String title, String purpose, String defaultSubject, String defaultBody, List<String> variables) {
        this.key = key;
        this.title = title;
        this.purpose = purpose;
        this.defaultSubject = defaultSubject;
        this.defaultBody = defaultBody;
        this.variables = variables;
    }

    public static Optional<NoticeKind> of(String key) {
        for (NoticeKind kind : values()) {
            if (kind.key.equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public String purpose() {
        return purpose;
    }

    public String defaultSubject() {
        return defaultSubject;
    }

    public String defaultBody() {
        return defaultBody;
    }

    public List<String> variables() {
        return variables;
    }
}
