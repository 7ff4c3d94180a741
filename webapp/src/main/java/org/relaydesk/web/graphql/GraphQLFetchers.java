package org.relaydesk.web.graphql;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.kb.KnowledgeBaseService;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.sla.SlaPolicies;
import org.relaydesk.core.sla.SlaPolicy;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Category;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.MessageKind;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketPatch;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.web.api.Workspaces;
import org.relaydesk.web.security.CurrentUser;

/**
 * Where each field of the schema comes from: the same services as the REST API, so roles, team
 * visibility and the workspace apply alike (every entity read is confined to the caller's
 * workspace by the persistence layer). The people, teams, categories, policies and conversations
 * behind a list of tickets are loaded through DataLoaders, one statement per kind.
 */
@ApplicationScoped
public class GraphQLFetchers {
    static final String BATCH = "relaydesk.batch";
    static final int MAX_PAGE = 100;

    @Inject
    TicketService tickets;

    @Inject
    TicketSearch search;

    @Inject
    org.relaydesk.core.contact.ContactService contacts;

    @Inject
    UserService users;

    @Inject
    TeamService teams;

    @Inject
    CategoryService categories;

    @Inject
    SlaPolicies policies;

    @Inject
    KnowledgeBaseService knowledgeBase;

    @Inject
    CurrentUser currentUser;

    @Inject
    Workspaces workspaces;

    @Inject
    Tenancy tenancy;

    RuntimeWiring.Builder wiring(RuntimeWiring.Builder wiring) {
        return wiring.scalar(GraphQLScalarType.newScalar().name("DateTime").description("An instant in ISO-8601, UTC")
                        .coercing(new InstantCoercing()).build())
                .type("Query", type -> type
                        .dataFetcher("me", env -> users.get(currentUser.get().id()))
                        .dataFetcher("ticket", this::ticket)
                        .dataFetcher("tickets", this::tickets)
                        .dataFetcher("contact", env -> contact(id(env, "id")))
                        .dataFetcher("users", env -> users.list())
                        .dataFetcher("teams", env -> teams.teams())
                        .dataFetcher("categories", env -> categories.list())
                        .dataFetcher("slaPolicies", env -> policies.list())
                        .dataFetcher("articles", this::articles))
                .type("Mutation", type -> type
                        .dataFetcher("createTicket", this::createTicket)
                        .dataFetcher("updateTicket", this::updateTicket)
                        .dataFetcher("addComment", env -> changed(env, tickets.addStaffMessage(id(env, "ticketId"), env.getArgument("body"),
                                Boolean.TRUE.equals(env.getArgument("internal")), currentUser.get())))
                        .dataFetcher("assignTicket", env -> changed(env, tickets.assign(id(env, "id"), id(env, "assigneeId"), actor())))
                        .dataFetcher("resolveTicket", env -> changed(env, tickets.resolve(id(env, "id"), actor())))
                        .dataFetcher("closeTicket", env -> changed(env, tickets.close(id(env, "id"), actor())))
                        .dataFetcher("reopenTicket", env -> changed(env, tickets.reopen(id(env, "id"), actor()))))
                .type("TicketPage", type -> type
                        .dataFetcher("tickets", env -> ((TicketFilter.Page) env.getSource()).tickets())
                        .dataFetcher("total", env -> (int) Math.min(Integer.MAX_VALUE, ((TicketFilter.Page) env.getSource()).total()))
                        .dataFetcher("totalCapped", env -> ((TicketFilter.Page) env.getSource()).totalCapped())
                        .dataFetcher("page", env -> ((TicketFilter.Page) env.getSource()).page()))
                .type("Ticket", type -> type
                        .dataFetcher("id", env -> ticketOf(env).id())
                        .dataFetcher("number", env -> (int) ticketOf(env).number())
                        .dataFetcher("ticketNumber", env -> workspace().displayNumber(ticketOf(env).number()))
                        .dataFetcher("status", env -> ticketOf(env).status().apiName())
                        .dataFetcher("priority", env -> ticketOf(env).priority().apiName())
                        .dataFetcher("type", env -> ticketOf(env).type().apiName())
                        .dataFetcher("channel", env -> ticketOf(env).sourceChannel())
                        .dataFetcher("tags", env -> keys(env).tags())
                        .dataFetcher("requester", env -> load(env, "contacts", keys(env).requesterId()))
                        .dataFetcher("assignee", env -> load(env, "users", keys(env).assigneeId()))
                        .dataFetcher("team", env -> load(env, "teams", ticketOf(env).teamId()))
                        .dataFetcher("category", env -> load(env, "categories", ticketOf(env).categoryId()))
                        .dataFetcher("sla", env -> env.getSource())
                        .dataFetcher("comments", this::comments))
                .type("SlaState", type -> type
                        .dataFetcher("policy", env -> load(env, "policies", ticketOf(env).slaPolicyId()))
                        .dataFetcher("state", env -> ticketOf(env).slaState())
                        .dataFetcher("firstResponseDueAt", env -> ticketOf(env).slaFirstResponseDueAt())
                        .dataFetcher("nextResponseDueAt", env -> ticketOf(env).slaNextResponseDueAt())
                        .dataFetcher("resolutionDueAt", env -> ticketOf(env).slaResolutionDueAt()))
                .type("Comment", type -> type
                        .dataFetcher("id", env -> ((Message) env.getSource()).id())
                        .dataFetcher("body", env -> ((Message) env.getSource()).bodyText())
                        .dataFetcher("bodyHtml", env -> ((Message) env.getSource()).bodyHtml())
                        .dataFetcher("isInternal", env -> ((Message) env.getSource()).isInternal())
                        .dataFetcher("authorType", env -> ((Message) env.getSource()).authorType().apiName())
                        .dataFetcher("authorName", env -> ((Message) env.getSource()).authorName())
                        .dataFetcher("createdAt", env -> ((Message) env.getSource()).createdAt()))
                .type("Contact", type -> type
                        .dataFetcher("id", env -> ((Contact) env.getSource()).id())
                        .dataFetcher("name", env -> ((Contact) env.getSource()).name())
                        .dataFetcher("email", env -> ((Contact) env.getSource()).primaryEmail())
                        .dataFetcher("phone", env -> ((Contact) env.getSource()).primaryPhone())
                        .dataFetcher("organization", env -> ((Contact) env.getSource()).organization())
                        .dataFetcher("createdAt", env -> ((Contact) env.getSource()).createdAt()))
                .type("User", type -> type
                        .dataFetcher("id", env -> ((User) env.getSource()).id())
                        .dataFetcher("name", env -> ((User) env.getSource()).name())
                        .dataFetcher("email", env -> ((User) env.getSource()).email())
                        .dataFetcher("role", env -> ((User) env.getSource()).role().apiName())
                        .dataFetcher("active", env -> ((User) env.getSource()).active()))
                .type("Team", type -> type
                        .dataFetcher("id", env -> ((Team) env.getSource()).id())
                        .dataFetcher("name", env -> ((Team) env.getSource()).name())
                        .dataFetcher("description", env -> ((Team) env.getSource()).description())
                        .dataFetcher("members", env -> loadMany(env, "users", List.copyOf(((Team) env.getSource()).memberIds()))))
                .type("Category", type -> type
                        .dataFetcher("id", env -> ((Category) env.getSource()).id())
                        .dataFetcher("name", env -> ((Category) env.getSource()).name())
                        .dataFetcher("color", env -> ((Category) env.getSource()).color())
                        .dataFetcher("parent", env -> load(env, "categories", ((Category) env.getSource()).parentId())))
                .type("SlaPolicy", type -> type
                        .dataFetcher("id", env -> ((SlaPolicy) env.getSource()).id())
                        .dataFetcher("name", env -> ((SlaPolicy) env.getSource()).name())
                        .dataFetcher("isDefault", env -> ((SlaPolicy) env.getSource()).isDefault())
                        .dataFetcher("firstResponseMinutes", env -> ((SlaPolicy) env.getSource()).firstResponseMinutes())
                        .dataFetcher("nextResponseMinutes", env -> ((SlaPolicy) env.getSource()).nextResponseMinutes())
                        .dataFetcher("resolutionMinutes", env -> ((SlaPolicy) env.getSource()).resolutionMinutes()))
                .type("Article", type -> type
                        .dataFetcher("id", env -> ((org.relaydesk.core.kb.KbSearchHit) env.getSource()).id())
                        .dataFetcher("visibility", env -> ((org.relaydesk.core.kb.KbSearchHit) env.getSource()).visibility().apiName()));
    }

    /** The loaders of one request: each turns the keys asked for in one round into one statement. */
    GraphQLBatch newBatch() {
        DataLoaderRegistry registry = DataLoaderRegistry.newRegistry().build();
        registry.register("contacts", mapped(ids -> byId(Contact.class, ids)));
        registry.register("users", mapped(ids -> byId(User.class, ids)));
        registry.register("teams", mapped(ids -> byId(Team.class, ids)));
        registry.register("categories", mapped(ids -> byId(Category.class, ids)));
        registry.register("policies", mapped(ids -> byId(SlaPolicy.class, ids)));
        registry.register("comments", DataLoaderFactory.<UUID, List<Message>>newMappedDataLoader(ids -> CompletableFuture.completedFuture(conversations(ids))));
        return new GraphQLBatch(registry);
    }

    private static <V> DataLoader<UUID, V> mapped(Function<Set<UUID>, Map<UUID, V>> load) {
        return DataLoaderFactory.newMappedDataLoader(ids -> CompletableFuture.completedFuture(load.apply(ids)));
    }

    /** One statement for all the ids; the persistence layer keeps it inside the caller's workspace. */
    private <V> Map<UUID, V> byId(Class<V> type, Set<UUID> ids) {
        Map<UUID, V> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<V> rows = tenancy.em().createQuery("SELECT e FROM " + type.getSimpleName() + " e WHERE e.id IN :ids", type)
                .setParameter("ids", List.copyOf(ids)).getResultList();
        for (V row : rows) {
            found.put(((org.relaydesk.core.persistence.WorkspaceOwned) row).id(), row);
        }
        return found;
    }

    /** The conversations of the tickets asked for, oldest message first (timeline events are not comments). */
    private Map<UUID, List<Message>> conversations(Set<UUID> ticketIds) {
        Map<UUID, List<Message>> byTicket = new HashMap<>();
        ticketIds.forEach(id -> byTicket.put(id, new ArrayList<>()));
        // at most the most any field may ask for, per ticket, chosen in the database (bodies can be large)
        @SuppressWarnings("unchecked")
        List<Object> firstIds = tenancy.sql("SELECT CAST(id AS text) FROM (SELECT m.id, row_number() OVER (PARTITION BY m.ticket_id "
                + "ORDER BY m.created_at, m.id) AS n FROM messages m WHERE m.workspace_id = CAST(?1 AS uuid) AND m.ticket_id = ANY (CAST(?2 AS uuid[])) "
                + "AND m.kind <> 'EVENT') first WHERE n <= " + MAX_PAGE).setParameter(1, tenancy.workspaceId().toString())
                .setParameter(2, "{" + String.join(",", ticketIds.stream().map(UUID::toString).toList()) + "}").getResultList();
        if (firstIds.isEmpty()) {
            return byTicket;
        }
        tenancy.em().createQuery("SELECT m FROM Message m WHERE m.id IN :ids ORDER BY m.createdAt, m.id", Message.class)
                .setParameter("ids", firstIds.stream().map(id -> UUID.fromString(id.toString())).toList()).getResultList()
                .forEach(m -> byTicket.get(m.ticketId()).add(m));
        return byTicket;
    }

    private static <V> CompletableFuture<V> load(DataFetchingEnvironment env, String loader, UUID key) {
        if (key == null) {
            return CompletableFuture.completedFuture(null);
        }
        DataLoader<UUID, V> dataLoader = env.getDataLoader(loader);
        return dataLoader.load(key);
    }

    private static <V> CompletableFuture<List<V>> loadMany(DataFetchingEnvironment env, String loader, List<UUID> keys) {
        DataLoader<UUID, V> dataLoader = env.getDataLoader(loader);
        return dataLoader.loadMany(keys).thenApply(list -> list.stream().filter(java.util.Objects::nonNull).toList());
    }

    // ---------------------------------------------------------------- queries

    private Ticket ticket(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        Integer number = env.getArgument("number");
        if ((id == null) == (number == null)) {
            throw new InvalidInputException("ticket", "give the id or the number");
        }
        try {
            Ticket ticket = id != null ? tickets.get(parse(id, "id")) : tickets.getByNumber(number);
            remember(env, List.of(ticket));
            return ticket;
        } catch (NotFoundException e) {
            return null;
        }
    }

    private TicketFilter.Page tickets(DataFetchingEnvironment env) {
        int first = limit(env.getArgument("first"), "first");
        Integer page = env.getArgument("page");
        if (page == null || page < 1 || page > 10_000) {
            throw new InvalidInputException("page", "from 1 to 10000");
        }
        Set<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
        List<String> wantedStatuses = env.getArgument("status");
        if (wantedStatuses != null) {
            for (String status : wantedStatuses) {
                statuses.add(TicketStatus.fromApiName(status).orElseThrow(() -> new InvalidInputException("status", "unknown status " + status)));
            }
        }
        Set<TicketPriority> priorities = EnumSet.noneOf(TicketPriority.class);
        List<String> wantedPriorities = env.getArgument("priority");
        if (wantedPriorities != null) {
            for (String priority : wantedPriorities) {
                priorities.add(TicketPriority.fromApiName(priority).orElseThrow(() -> new InvalidInputException("priority", "unknown priority " + priority)));
            }
        }
        String query = env.getArgument("query");
        if (query != null && query.length() > 200) {
            throw new InvalidInputException("query", "at most 200 characters");
        }
        TicketFilter filter = TicketFilter.builder().statuses(statuses).priorities(priorities).assignee(optionalId(env, "assigneeId"))
                .team(optionalId(env, "teamId")).query(query).page(page, first).build();
        TicketFilter.Page result = search.find(filter);
        remember(env, result.tickets());
        return result;
    }

    private Contact contact(UUID id) {
        try {
            return contacts.get(id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private List<org.relaydesk.core.kb.KbSearchHit> articles(DataFetchingEnvironment env) {
        String query = env.getArgument("query");
        if (query == null || query.isBlank() || query.length() > 200) {
            throw new InvalidInputException("query", "1 to 200 characters");
        }
        int first = Math.min(limit(env.getArgument("first"), "first"), 50);
        return knowledgeBase.asStaff(kb -> kb.search(query, null, false, first));
    }

    private CompletableFuture<List<Message>> comments(DataFetchingEnvironment env) {
        Ticket ticket = ticketOf(env);
        int first = limit(env.getArgument("first"), "first");
        boolean internal = !Boolean.FALSE.equals(env.getArgument("includeInternal"));
        DataLoader<UUID, List<Message>> loader = env.getDataLoader("comments");
        return loader.load(ticket.id()).thenApply(all -> all.stream().filter(m -> internal || !m.isInternal()).limit(first).toList());
    }

    // ---------------------------------------------------------------- mutations

    private Ticket createTicket(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        List<String> tags = stringList(input.get("tags"));
        NewTicket ticket = new NewTicket((String) input.get("subject"), (String) input.get("description"), (String) input.get("requesterEmail"),
                (String) input.get("requesterName"), (String) input.get("priority"), (String) input.get("type"), parse((String) input.get("categoryId"), "categoryId"),
                parse((String) input.get("assigneeId"), "assigneeId"), parse((String) input.get("teamId"), "teamId"), null,
                tags == null ? null : new LinkedHashSet<>(tags), null, "api", null, (String) input.get("requesterPhone"), null);
        return changed(env, tickets.create(ticket, actor()));
    }

    private Ticket updateTicket(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        List<String> tags = stringList(input.get("tags"));
        TicketPatch patch = new TicketPatch((String) input.get("subject"), null, (String) input.get("status"), (String) input.get("priority"),
                (String) input.get("type"), null, null, null, null, tags == null ? null : new LinkedHashSet<>(tags), null);
        return changed(env, tickets.update(id(env, "id"), patch, actor()));
    }

    // ---------------------------------------------------------------- helpers

    /** After a change, nothing this request read before it is trusted: the next fields read again. */
    private static <T> T changed(DataFetchingEnvironment env, T result) {
        GraphQLBatch batch = batch(env);
        batch.forgetAll();
        batch.loaders.getDataLoaders().forEach(DataLoader::clearAll);
        return result;
    }

    private Actor actor() {
        AuthenticatedUser user = currentUser.get();
        return new Actor("agent", user.id(), user.name());
    }

    private Workspace workspace() {
        return workspaces.current();
    }

    private static Ticket ticketOf(DataFetchingEnvironment env) {
        return (Ticket) env.getSource();
    }

    private GraphQLBatch.TicketKeys keys(DataFetchingEnvironment env) {
        Ticket ticket = ticketOf(env);
        GraphQLBatch batch = batch(env);
        GraphQLBatch.TicketKeys keys = batch.keysOf(ticket.id());
        if (keys == null) {
            remember(env, List.of(ticket));
            keys = batch.keysOf(ticket.id());
        }
        return keys;
    }

    private static GraphQLBatch batch(DataFetchingEnvironment env) {
        GraphQLContext context = env.getGraphQlContext();
        return context.get(BATCH);
    }

    /** The requester and assignee ids of these tickets, in one statement (reading the relations themselves would load them one by one). */
    private void remember(DataFetchingEnvironment env, List<Ticket> found) {
        GraphQLBatch batch = batch(env);
        List<UUID> ids = found.stream().map(Ticket::id).toList();
        if (ids.isEmpty() || batch.knows(ids)) {
            return;
        }
        Map<UUID, GraphQLBatch.TicketKeys> keys = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(t.id AS text), CAST(t.requester_id AS text), CAST(t.assignee_id AS text), "
                + "(SELECT string_agg(g.tag, ' ' ORDER BY g.tag) FROM ticket_tags g WHERE g.ticket_id = t.id) FROM tickets t "
                + "WHERE t.workspace_id = CAST(?1 AS uuid) AND t.id = ANY (CAST(?2 AS uuid[]))").setParameter(1, tenancy.workspaceId().toString())
                .setParameter(2, "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}").getResultList();
        for (Object[] row : rows) {
            keys.put(UUID.fromString(row[0].toString()), new GraphQLBatch.TicketKeys(UUID.fromString(row[1].toString()),
                    row[2] == null ? null : UUID.fromString(row[2].toString()), row[3] == null ? List.of() : List.of(row[3].toString().split(" "))));
        }
        batch.remember(keys);
    }

    private static int limit(Integer value, String name) {
        if (value == null || value < 1 || value > MAX_PAGE) {
            throw new InvalidInputException(name, "from 1 to " + MAX_PAGE);
        }
        return value;
    }

    private static UUID id(DataFetchingEnvironment env, String name) {
        UUID id = parse(env.getArgument(name), name);
        if (id == null) {
            throw new InvalidInputException(name, "is required");
        }
        return id;
    }

    private static UUID optionalId(DataFetchingEnvironment env, String name) {
        return parse(env.getArgument(name), name);
    }

    private static UUID parse(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "is not an id");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object value) {
        return value == null ? null : (List<String>) value;
    }
}
