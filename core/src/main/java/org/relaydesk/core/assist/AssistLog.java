package org.relaydesk.core.assist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;

/**
 * The assistant's audit trail and feedback ({@code assist_events}): every suggestion with what it
 * was given, what it answered and the model, and every decision an agent took on one. Written in the
 * caller's transaction, so a decision is recorded exactly when what it did is.
 */
@ApplicationScoped
public class AssistLog {
    /** Longest input or output kept; the rest is cut (the trail is for reading, not for replay). */
    static final int MAX_TEXT = 20_000;

    @Inject
    Tenancy tenancy;

    /** Replaced in tests. */
    Clock clock = Clock.systemUTC();

    /** The features and outcomes as stored. */
    public enum Feature {
        TRIAGE, NEXT_ACTIONS, RELATED, DRAFT, SUMMARY, ANSWER;

        public String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Outcome {
        SUGGESTED, APPLIED, ACCEPTED, EDITED, REJECTED, FAILED;

        public String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One row; returns its id. In the caller's transaction, or one of its own when there is none. */
    @jakarta.transaction.Transactional
    public UUID record(UUID ticketId, Feature feature, Outcome outcome, UUID suggestionId, String actionKind, String input, String output,
            String model, String pluginId, Actor actor) {
        UUID id = UUID.randomUUID();
        tenancy.sql("INSERT INTO assist_events (id, workspace_id, ticket_id, feature, outcome, suggestion_id, action_kind, input, output, model, "
                        + "plugin_id, actor_id, actor_name, created_at) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), ?4, ?5, "
                        + "CAST(?6 AS uuid), ?7, ?8, ?9, ?10, ?11, CAST(?12 AS uuid), ?13, ?14)")
                .setParameter(1, id.toString()).setParameter(2, tenancy.workspaceId().toString())
                .setParameter(3, ticketId == null ? null : ticketId.toString()).setParameter(4, feature.stored()).setParameter(5, outcome.stored())
                .setParameter(6, suggestionId == null ? null : suggestionId.toString()).setParameter(7, actionKind).setParameter(8, cut(input))
                .setParameter(9, cut(output)).setParameter(10, model == null ? "" : model).setParameter(11, pluginId)
                .setParameter(12, actor.id() == null ? null : actor.id().toString()).setParameter(13, actor.name())
                .setParameter(14, Timestamp.from(clock.instant())).executeUpdate();
        return id;
    }

    /** The latest suggestion of a feature for a ticket: its id and output, or null. */
    Latest latest(UUID ticketId, Feature feature) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(id AS text), output FROM assist_events WHERE ticket_id = CAST(?1 AS uuid) AND feature = ?2 "
                        + "AND outcome IN ('suggested', 'applied') ORDER BY created_at DESC LIMIT 1")
                .setParameter(1, ticketId.toString()).setParameter(2, feature.stored()).getResultList();
        return rows.isEmpty() ? null : new Latest(UUID.fromString((String) rows.get(0)[0]), (String) rows.get(0)[1]);
    }

    record Latest(UUID id, String output) {
    }

    /**
     * The arguments a recorded suggestion gave an action of this kind, or empty when it offered no
     * such action (its output is the JSON {@link AssistService#json} wrote).
     */
    java.util.Optional<Map<String, String>> suggestedArguments(UUID suggestionId, String kind) {
        @SuppressWarnings("unchecked")
        List<Object> rows = tenancy.sql("SELECT output FROM assist_events WHERE id = CAST(?1 AS uuid)").setParameter(1, suggestionId.toString())
                .getResultList();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        try (jakarta.json.JsonReader reader = org.relaydesk.core.text.Jsonp.createReader(String.valueOf(rows.get(0)))) {
            for (jakarta.json.JsonValue action : reader.readObject().getJsonArray("actions")) {
                jakarta.json.JsonObject object = action.asJsonObject();
                if (kind.equals(object.getString("kind", ""))) {
                    Map<String, String> arguments = new java.util.TreeMap<>();
                    object.getJsonObject("arguments").forEach((k, v) -> arguments.put(k, ((jakarta.json.JsonString) v).getString()));
                    return java.util.Optional.of(arguments);
                }
            }
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** The kinds of action an agent turned down ("Not now") in this suggestion. */
    java.util.Set<String> rejectedKinds(UUID suggestionId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = tenancy.sql("SELECT action_kind FROM assist_events WHERE suggestion_id = CAST(?1 AS uuid) AND outcome = 'rejected' "
                + "AND action_kind IS NOT NULL").setParameter(1, suggestionId.toString()).getResultList();
        return rows.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    /** Whether a suggestion row of this workspace exists for this ticket (a decision must point at one). */
    boolean isSuggestion(UUID suggestionId, UUID ticketId) {
        Number found = (Number) tenancy.sql("SELECT count(*) FROM assist_events WHERE id = CAST(?1 AS uuid) AND ticket_id = CAST(?2 AS uuid) "
                + "AND outcome IN ('suggested', 'applied')").setParameter(1, suggestionId.toString()).setParameter(2, ticketId.toString()).getSingleResult();
        return found.intValue() > 0;
    }

    /** Per feature, how many of each outcome: the plugin's admin page shows it. */
    public Map<String, Map<String, Long>> counts() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT feature, outcome, count(*) FROM assist_events WHERE workspace_id = CAST(?1 AS uuid) GROUP BY feature, outcome")
                .setParameter(1, tenancy.workspaceId().toString()).getResultList();
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Object[] row : rows) {
            counts.computeIfAbsent((String) row[0], f -> new LinkedHashMap<>()).put((String) row[1], ((Number) row[2]).longValue());
        }
        return counts;
    }

    /** The trail of one ticket, newest first (for the API). */
    public List<Entry> ofTicket(UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(id AS text), feature, outcome, CAST(suggestion_id AS text), action_kind, input, output, model, "
                        + "actor_name, created_at FROM assist_events WHERE ticket_id = CAST(?1 AS uuid) ORDER BY created_at DESC, id LIMIT 200")
                .setParameter(1, ticketId.toString()).getResultList();
        return rows.stream().map(r -> new Entry(UUID.fromString((String) r[0]), (String) r[1], (String) r[2], r[3] == null ? null : UUID.fromString((String) r[3]),
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], instant(r[9]))).toList();
    }

    public record Entry(UUID id, String feature, String outcome, UUID suggestionId, String actionKind, String input, String output, String model,
            String actor, java.time.Instant at) {
    }

    private static java.time.Instant instant(Object value) {
        return value instanceof java.time.OffsetDateTime offset ? offset.toInstant() : ((Timestamp) value).toInstant();
    }

    private static String cut(String text) {
        return text == null ? "" : text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
