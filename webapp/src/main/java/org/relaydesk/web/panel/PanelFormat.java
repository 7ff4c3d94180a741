package org.relaydesk.web.panel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;

/** How the panels show times, statuses and priorities: one place, so every screen agrees. */
@Named("fmt")
@ApplicationScoped
public class PanelFormat {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final java.util.Map<String, String> VERBS = java.util.Map.ofEntries(
            java.util.Map.entry("created", "created the ticket"), java.util.Map.entry("resolved", "resolved the ticket"),
            java.util.Map.entry("closed", "closed the ticket"), java.util.Map.entry("reopened", "reopened the ticket"),
            java.util.Map.entry("unassigned", "unassigned the ticket"), java.util.Map.entry("replied", "replied"),
            java.util.Map.entry("customer_replied", "replied"), java.util.Map.entry("note_added", "added an internal note"),
            java.util.Map.entry("first_response", "sent the first response"), java.util.Map.entry("comment_edited", "edited a message"),
            java.util.Map.entry("comment_deleted", "deleted a message"), java.util.Map.entry("merged", "merged tickets"),
            java.util.Map.entry("sla_breached", "recorded an SLA breach"), java.util.Map.entry("sla_at_risk", "marked the SLA at risk"),
            java.util.Map.entry("auto_replied", "sent the channel's automatic reply"));
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    /** An SLA countdown: "in 25 min", "in 3 h 10 min", "in 2 d 4 h", or "12 min overdue" (relaydesk.js keeps it ticking). */
    public String until(Instant due) {
        if (due == null) {
            return "";
        }
        Duration left = Duration.between(Instant.now(), due);
        return left.isNegative() ? span(left.negated()) + " overdue" : "in " + span(left);
    }

    /** "25 min", "3 h 10 min", "2 d 4 h"; under a minute counts as one. */
    public static String span(Duration duration) {
        long minutes = Math.max(1, (duration.getSeconds() + 59) / 60);
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        long hours = minutes / 60;
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** "just now", "5 min ago", "3 h ago", "2 d ago", then the date. */
    public String ago(Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration age = Duration.between(instant, Instant.now());
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        }
        if (age.toDays() < 30) {
            return age.toDays() + " d ago";
        }
        return DATE.format(instant.atZone(ZoneId.of("UTC")));
    }

    public String full(Instant instant, String timeZone) {
        if (instant == null) {
            return "";
        }
        ZoneId zone = timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        return FULL.format(instant.atZone(zone));
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String statusClass(TicketStatus status) {
        return "rd-status rd-status-" + status.apiName().replace('_', '-');
    }

    public String priorityClass(TicketPriority priority) {
        return "rd-priority rd-priority-" + priority.apiName();
    }

    /** "Alice changed status from New to Open", as a sentence for the thread and the timeline. */
    public String describe(org.relaydesk.core.ticket.TicketEvent e) {
        String who = e.actorName() == null ? "System" : e.actorName();
        if ("contact_merged".equals(e.action()) && e.afterValue() != null) {
            return e.afterValue(); // ContactService words it whole: "Contact Ann merged into Ann Lee by Alice"
        }
        switch (e.action()) {
            case "survey_sent" -> {
                return "Satisfaction survey sent by " + readable(e.afterValue());
            }
            case "survey_not_sent" -> {
                return "No satisfaction survey sent: " + readable(e.afterValue());
            }
            case "assisted" -> {
                return who + " did \u201c" + readable(e.afterValue()) + "\u201d with the assistant's help";
            }
            case "rated" -> {
                return who + " rated the help " + readable(e.afterValue()) + " of 5";
            }
            default -> {
            }
        }
        if (VERBS.containsKey(e.action())) {
            return who + " " + VERBS.get(e.action());
        }
        if (e.field() != null && !"comment".equals(e.field()) && (e.beforeValue() != null || e.afterValue() != null)) {
            String field = "assignee".equals(e.field()) ? "the assignee" : e.field().replace('_', ' ');
            return who + " changed " + field + " from " + readable(e.beforeValue()) + " to " + readable(e.afterValue());
        }
        return who + " " + e.action().replace('_', ' ');
    }

    private static String readable(String value) {
        return value == null || value.isBlank() ? "none" : value.replace('_', ' ');
    }

    /** "840 KB", "2.3 MB" */
    public String bytes(long size) {
        if (size < 1024) {
            return size + " B";
        }
        if (size < 1024 * 1024) {
            return Math.round(size / 1024.0) + " KB";
        }
        return String.format(Locale.ENGLISH, "%.1f MB", size / (1024.0 * 1024));
    }

    /** Two letters for an avatar: "Alice Agent" → "AA". */
    public String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        String[] parts = name.trim().split("\\s+");
        String first = parts[0].substring(0, 1);
        String last = parts.length > 1 ? parts[parts.length - 1].substring(0, 1) : "";
        return (first + last).toUpperCase(Locale.ROOT);
    }
}
