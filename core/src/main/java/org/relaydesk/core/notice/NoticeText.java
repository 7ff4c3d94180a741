package org.relaydesk.core.notice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relaydesk.core.canned.CannedResponse;
import org.relaydesk.core.error.InvalidInputException;

/**
 * A notice's subject and body, checked and filled with the canned responses' renderer. Only the
 * notice's own variables are accepted when an admin saves a wording, so a template can never reach
 * for data the notice does not carry; values are filled once, never rendered again (a customer who
 * writes "{{status_link}}" in a message gets those characters back, not a link).
 */
public record NoticeText(String subject, String body) {
    public static final int MAX_SUBJECT = 300;
    public static final int MAX_BODY = 20_000;

    /** The text with each variable filled in; a subject stays on one line whatever the values hold. */
    public NoticeText render(Map<String, String> values) {
        String filledSubject = CannedResponse.render(subject, values).replaceAll("[\\r\\n]+", " ").strip();
        return new NoticeText(filledSubject, CannedResponse.render(body, values));
    }

    /** Refuses, field by field, a wording that is empty, too long, or uses a variable {@code kind} does not have. */
    public static NoticeText checked(NoticeKind kind, String subject, String body) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (subject == null || subject.isBlank()) {
            errors.put("subject", "is required");
        } else if (subject.length() > MAX_SUBJECT) {
            errors.put("subject", "at most " + MAX_SUBJECT + " characters (it has " + subject.length() + ")");
        } else if (subject.contains("\n") || subject.contains("\r")) {
            errors.put("subject", "must be one line");
        } else {
            unknown(kind, subject).ifPresent(message -> errors.put("subject", message));
        }
        if (body == null || body.isBlank()) {
            errors.put("body", "is required");
        } else if (body.length() > MAX_BODY) {
            errors.put("body", "at most " + MAX_BODY + " characters (it has " + body.length() + ")");
        } else {
            unknown(kind, body).ifPresent(message -> errors.put("body", message));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new NoticeText(subject.strip(), body.replace("\r\n", "\n"));
    }

    private static java.util.Optional<String> unknown(NoticeKind kind, String text) {
        Set<String> used = CannedResponse.variablesIn(text);
        List<String> unknown = used.stream().filter(name -> !kind.variables().contains(name)).toList();
        if (unknown.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("unknown variable" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown.stream().map(n -> "{{" + n + "}}").toList())
                + "; this notice can use " + String.join(", ", kind.variables().stream().map(n -> "{{" + n + "}}").toList()));
    }

    /** Values that show what a notice will look like, for the preview. */
    static Map<String, String> sample(String workspaceName) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_name", "Jane Customer");
        values.put("contact.name", "Jane Customer");
        values.put("ticket_number", "#TKT-1042");
        values.put("ticket.number", "#TKT-1042");
        values.put("ticket.subject", "The printer does not print");
        values.put("agent_name", "Alex Agent");
        values.put("actor_name", "Sam Supervisor");
        values.put("workspace_name", workspaceName);
        values.put("reply", "Thank you for writing. We have sent a new cartridge; it arrives on Monday.");
        values.put("status_link", org.relaydesk.core.channel.NoticeMailer.baseUrl() + "/track.html#ticket=…&token=…");
        values.put("ticket_link", org.relaydesk.core.channel.NoticeMailer.baseUrl() + "/agent/tickets/1042#message-…");
        values.put("excerpt", "@alex could you check the cartridge order?");
        return values;
    }
}
