package org.relaydesk.core.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.persistence.Tenancy;

/**
 * The queue and full-text search. It is SQL (PostgreSQL full-text search and index-friendly
 * ordering need it), so it names the workspace itself; the tickets it finds are then loaded through
 * the workspace-bound EntityManager, which would drop any row of another workspace anyway.
 */
@ApplicationScoped
public class TicketSearch {
    /** Text searches report at most this many hits (pages beyond it still answer, empty). */
    public static final int SEARCH_COUNT_CAP = 1000;
    private static final Pattern TICKET_NUMBER = Pattern.compile("^\\s*#?[A-Za-z-]*?(\\d{1,18})\\s*$");

    @Inject
    Tenancy tenancy;

    @Inject
    TicketVisibility visibility;

    @Transactional
    public TicketFilter.Page find(TicketFilter filter) {
        long counted = countUpToCap(filter);
        boolean capped = isTextSearch(filter) && counted > SEARCH_COUNT_CAP;
        long total = capped ? SEARCH_COUNT_CAP : counted;
        List<Ticket> tickets = total == 0 ? List.of() : page(filter);
        return new TicketFilter.Page(tickets, total, capped, filter.page(), filter.limit());
    }

    /**
     * How many tickets match. A common word matches a large share of a big help desk; counting every
     * hit would cost more than finding the page, so text searches count up to a cap plus one, as the
     * big hosted help desks do.
     */
    @Transactional
    public long countUpToCap(TicketFilter filter) {
        if (isTextSearch(filter)) {
            return countUpTo(filter, SEARCH_COUNT_CAP);
        }
        List<Object> params = new ArrayList<>();
        String where = where(tenancy.workspaceId(), filter, params);
        return ((Number) bind(tenancy.sql("SELECT count(*) FROM tickets t WHERE " + where), params).getSingleResult()).longValue();
    }

    /** How many tickets match, counting no further than {@code cap + 1} (badges show "9,999+"). */
    @Transactional
    public long countUpTo(TicketFilter filter, int cap) {
        List<Object> params = new ArrayList<>();
        String where = where(tenancy.workspaceId(), filter, params);
        return ((Number) bind(tenancy.sql("SELECT count(*) FROM (SELECT 1 FROM tickets t WHERE " + where + " LIMIT " + (cap + 1) + ") hits"),
                params).getSingleResult()).longValue();
    }

    /** One page of matching tickets in the filter's order, without counting. */
    @Transactional
    public List<Ticket> page(TicketFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(tenancy.workspaceId(), filter, params);
        Query idQuery = bind(tenancy.sql("SELECT CAST(t.id AS text) FROM tickets t WHERE " + where
                + " ORDER BY " + filter.sort().orderBy + " LIMIT " + filter.limit() + " OFFSET " + (long) (filter.page() - 1) * filter.limit()),
                params);
        List<UUID> ids = ((List<?>) idQuery.getResultList()).stream().map(o -> UUID.fromString(o.toString())).toList();
        return load(ids);
    }

    private static boolean isTextSearch(TicketFilter filter) {
        return filter.query() != null && !filter.query().isBlank();
    }

    /** Loads tickets with requester, assignee and tags in three queries, in the order of {@code ids}. */
    List<Ticket> load(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        List<Ticket> tickets = tenancy.em().createQuery(
                "SELECT t FROM Ticket t JOIN FETCH t.requester LEFT JOIN FETCH t.assignee WHERE t.id IN :ids", Ticket.class)
                .setParameter("ids", ids)
                .setHint("eclipselink.batch", "t.tags")
                .setHint("eclipselink.batch.type", "IN")
                .getResultList();
        return tickets.stream().sorted(Comparator.comparing(t -> position.get(t.id()))).toList();
    }

    private String where(UUID workspaceId, TicketFilter f, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        clauses.add("t.workspace_id = " + param(params, workspaceId.toString()));
        visibility.restriction().ifPresent(r -> {
            String me = param(params, r.userId().toString());
            clauses.add("(t.team_id IS NULL OR t.assignee_id = " + me
                    + " OR t.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = " + me + "))");
        });
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            clauses.add("t.status IN (" + f.statuses().stream().map(s -> param(params, s.name())).collect(Collectors.joining(",")) + ")");
        }
        if (f.priorities() != null && !f.priorities().isEmpty()) {
            clauses.add("t.priority IN (" + f.priorities().stream().map(p -> param(params, p.name())).collect(Collectors.joining(",")) + ")");
        }
        if (f.unassigned()) {
            clauses.add("t.assignee_id IS NULL");
        } else if (f.assigneeId() != null) {
            clauses.add("t.assignee_id = " + param(params, f.assigneeId().toString()));
        }
        if (f.categoryId() != null) {
            String root = param(params, f.categoryId().toString());
            clauses.add("t.category_id IN (WITH RECURSIVE tree AS (SELECT id FROM ticket_categories WHERE id = " + root
                    + " UNION ALL SELECT c.id FROM ticket_categories c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree)");
        }
        if (f.requesterId() != null) {
            clauses.add("t.requester_id = " + param(params, f.requesterId().toString()));
        }
        if (f.tag() != null) {
            clauses.add("EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag = " + param(params, f.tag()) + ")");
        }
        if (f.channel() != null) {
            clauses.add("t.source_channel = " + param(params, f.channel()));
        }
        if (f.teamIds() != null && !f.teamIds().isEmpty()) {
            clauses.add("t.team_id IN (" + f.teamIds().stream().map(team -> param(params, team.toString())).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        if (f.slaState() != null) {
            clauses.add("t.sla_state = " + param(params, f.slaState()));
        }
        if (f.createdFrom() != null) {
            clauses.add("t.created_at >= " + param(params, Timestamp.from(f.createdFrom())));
        }
        if (f.createdTo() != null) {
            clauses.add("t.created_at < " + param(params, Timestamp.from(f.createdTo())));
        }
        if (f.query() != null && !f.query().isBlank()) {
            String q = param(params, f.query().trim());
            // One document per ticket holds subject, description and conversation (migration 002).
            String text = "(t.search_vector @@ websearch_to_tsquery('english', " + q + ")";
            Matcher number = TICKET_NUMBER.matcher(f.query());
            if (number.matches()) {
                text += " OR t.number = " + param(params, Long.parseLong(number.group(1)));
            }
            clauses.add(text + ")");
        }
        return String.join(" AND ", clauses);
    }

    private static String param(List<Object> params, Object value) {
        params.add(value);
        return "?" + params.size();
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    /** Parses comma lists such as "open,pending" where a category name stands for its statuses. */
    public static java.util.Optional<java.util.Set<TicketStatus>> parseStatuses(String csv) {
        java.util.Set<TicketStatus> result = java.util.EnumSet.noneOf(TicketStatus.class);
        for (String part : csv.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            var status = TicketStatus.fromApiName(name);
            if (status.isPresent()) {
                result.add(status.get());
                continue;
            }
            var inCategory = java.util.Arrays.stream(TicketStatus.values())
                    .filter(s -> s.category().apiName().equals(name.toLowerCase(java.util.Locale.ROOT))).toList();
            if (inCategory.isEmpty()) {
                return java.util.Optional.empty();
            }
            result.addAll(inCategory);
        }
        return java.util.Optional.of(result);
    }

    public static java.util.Optional<java.util.Set<TicketPriority>> parsePriorities(String csv) {
        java.util.Set<TicketPriority> result = java.util.EnumSet.noneOf(TicketPriority.class);
        for (String part : csv.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            var priority = TicketPriority.fromApiName(part);
            if (priority.isEmpty()) {
                return java.util.Optional.empty();
            }
            result.add(priority.get());
        }
        return java.util.Optional.of(result);
    }

    /** A hit of the full-text search with the words found, marked in a short excerpt. */
    public record Hit(Ticket ticket, String excerpt) {
        public Ticket getTicket() {
            return ticket;
        }

        /** Plain text in which the matches sit between {@link #MARK_START} and {@link #MARK_END}. */
        public String getExcerpt() {
            return excerpt;
        }
    }

    /** Control characters never found in ticket text, so the caller can escape first, then mark. */
    public static final String MARK_START = "\u0002";
    public static final String MARK_END = "\u0003";

    /**
     * One page of full-text hits, most recently updated first, each with an excerpt around the words found
     * (PostgreSQL's ts_headline over the subject, description and conversation).
     */
    @Transactional
    public List<Hit> searchWithExcerpts(String query, int page, int limit) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        TicketFilter filter = TicketFilter.builder().query(query).sort(TicketFilter.Sort.UPDATED).page(page, limit).build();
        List<Ticket> tickets = page(filter);
        if (tickets.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> excerpts = new java.util.HashMap<>();
        String ids = tickets.stream().map(t -> "'" + t.id() + "'").collect(Collectors.joining(","));
        // ids are UUIDs of our own tickets, not user input; the query text is a bound parameter
        List<?> rows = tenancy.sql("SELECT CAST(t.id AS text), ts_headline('english', left(coalesce(t.description, '') || ' ' || coalesce("
                        + "(SELECT string_agg(m.body_text, ' ' ORDER BY m.created_at) FROM messages m WHERE m.ticket_id = t.id AND m.kind <> 'EVENT'), ''), 20000), "
                        + "websearch_to_tsquery('english', ?1), 'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=12, MaxFragments=2') "
                        + "FROM tickets t WHERE t.workspace_id = CAST(?2 AS uuid) AND t.id IN (" + ids + ")")
                .setParameter(1, query.trim()).setParameter(2, tenancy.workspaceId().toString()).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            excerpts.put(UUID.fromString(columns[0].toString()), columns[1] == null ? "" : columns[1].toString());
        }
        return tickets.stream().map(t -> new Hit(t, excerpts.getOrDefault(t.id(), ""))).toList();
    }
}
