package org.relaydesk.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.error.InvalidInputException;

/**
 * Which tickets a report counts, the same narrowing on every report: a team, an agent (the
 * assignee), a category, the channel it came through, a priority, and tags (all of them). Null
 * or empty parts narrow nothing.
 */
public record ReportFilter(UUID teamId, UUID agentId, UUID categoryId, String channel, TicketPriority priority, List<String> tags, UUID visibleTo) {
    static final int MAX_TAGS = 10;
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public ReportFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static ReportFilter none() {
        return new ReportFilter(null, null, null, null, null, List.of(), null);
    }

    /**
     * The same tickets, as far as a member of staff restricted to their teams may see them (those of
     * their teams, without a team, or assigned to them: the queue's rule, TicketVisibility).
     */
    public ReportFilter visibleTo(UUID user) {
        return new ReportFilter(teamId, agentId, categoryId, channel, priority, tags, user);
    }

    /** The same tickets, of this agent only. */
    public ReportFilter ofAgent(UUID agent) {
        return new ReportFilter(teamId, agent, categoryId, channel, priority, tags, visibleTo);
    }

    /** From the request's parameters; every malformed one is named in the refusal. */
    public static ReportFilter of(String team, String agent, String category, String channel, String priority, String tags) {
        Map<String, String> errors = new LinkedHashMap<>();
        UUID teamId = id(team, "team", errors);
        UUID agentId = id(agent, "agent", errors);
        UUID categoryId = id(category, "category", errors);
        String channelName = null;
        if (channel != null && !channel.isBlank()) {
            channelName = channel.strip().toLowerCase(Locale.ROOT);
            if (!CHANNEL.matcher(channelName).matches()) {
                errors.put("channel", "must be a channel's name, e.g. email, whatsapp, portal, api");
            }
        }
        TicketPriority level = null;
        if (priority != null && !priority.isBlank()) {
            level = Arrays.stream(TicketPriority.values()).filter(p -> p.name().equalsIgnoreCase(priority.strip())).findFirst().orElse(null);
            if (level == null) {
                errors.put("priority", "must be one of " + Arrays.stream(TicketPriority.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
        List<String> tagList = new ArrayList<>();
        if (tags != null && !tags.isBlank()) {
            for (String tag : tags.split(",")) {
                String t = tag.strip();
                if (!t.isEmpty() && !tagList.contains(t)) {
                    tagList.add(t);
                }
            }
            if (tagList.size() > MAX_TAGS || tagList.stream().anyMatch(t -> t.length() > 64)) {
                errors.put("tags", "at most " + MAX_TAGS + " tags of up to 64 characters, separated by commas");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ReportFilter(teamId, agentId, categoryId, channelName, level, tagList, null);
    }

    private static UUID id(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.put(field, "must be an id");
            return null;
        }
    }

    /** Only the restriction to what the reader may see (tickets aliased {@code t}), none when unrestricted. */
    void appendVisibility(SqlBuilder sql) {
        if (visibleTo != null) {
            sql.add(" AND (t.team_id IS NULL OR t.assignee_id = ").param(visibleTo)
                    .add(" OR t.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = ").param(visibleTo).add("))");
        }
    }

    /** The conditions on the tickets aliased {@code t}. */
    void appendTo(SqlBuilder sql) {
        appendVisibility(sql);
        if (teamId != null) {
            sql.add(" AND t.team_id = ").param(teamId);
        }
        if (agentId != null) {
            sql.add(" AND t.assignee_id = ").param(agentId);
        }
        if (categoryId != null) {
            sql.add(" AND t.category_id = ").param(categoryId);
        }
        if (channel != null) {
            sql.add(" AND t.source_channel = ").param(channel);
        }
        if (priority != null) {
            sql.add(" AND t.priority = ").param(priority.name());
        }
        for (String tag : tags) {
            sql.add(" AND EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id AND g.tag = ").param(tag).add(")");
        }
    }
}
