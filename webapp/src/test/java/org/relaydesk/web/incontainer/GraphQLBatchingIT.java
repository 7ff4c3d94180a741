package org.relaydesk.web.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExecutionResult;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.SessionEventListener;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relaydesk.core.access.Caller;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.team.TeamService;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.WorkspaceService;
import org.relaydesk.web.graphql.GraphQLRunner;

/**
 * GraphQL's DataLoaders, measured where it matters: the SQL statements a page of tickets with its
 * requesters, assignees, teams, categories, SLA policies, tags and conversations costs. A field
 * resolved one ticket at a time would add a statement per ticket; batched, forty tickets take what
 * two take. Counted by EclipseLink as it sends each call, on the request's own thread only (the
 * server's background jobs share the database).
 */
@ExtendWith(ArquillianExtension.class)
class GraphQLBatchingIT {
    private static final String PAGE = "{ tickets(first: %d) { total tickets { subject tags requester { name email } assignee { name } team { name } "
            + "category { name } sla { state policy { name } } comments(first: 5) { body authorName } } } }";

    @Deployment
    static WebArchive relaydesk() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("relaydesk.war")));
    }

    @Inject
    Caller caller;

    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceService workspaces;

    @Inject
    UserService users;

    @Inject
    TeamService teams;

    @Inject
    CategoryService categories;

    @Inject
    TicketService tickets;

    @Inject
    GraphQLRunner graphql;

    @PersistenceUnit(unitName = "relaydesk")
    EntityManagerFactory persistence;

    @Test
    void fortyTicketsWithEverythingBehindThemTakeTheStatementsTwoTake() throws Exception {
        caller.actAsSystem();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = workspaces.create("Batching", "batching-" + suffix, new UserService.NewUser("admin-" + suffix + "@batch.test", "Batch Admin",
                "admin", "batching-admin-password"));
        tenancy.actAs(created.workspace().id());
        AuthenticatedUser admin = AuthenticatedUser.of(created.admin());
        caller.signedIn(admin);
        List<User> agents = List.of(users.create(new UserService.NewUser("ann-" + suffix + "@batch.test", "Ann", "agent", "a long agent password")),
                users.create(new UserService.NewUser("ben-" + suffix + "@batch.test", "Ben", "agent", "a long agent password")),
                users.create(new UserService.NewUser("cat-" + suffix + "@batch.test", "Cat", "agent", "a long agent password")));
        List<UUID> teamIds = List.of(teams.saveTeam(null, "Billing", "", members(agents)).id(),
                teams.saveTeam(null, "Shipping", "", members(agents)).id());
        List<UUID> categoryIds = List.of(categories.create(new CategoryService.CategoryInput("Refunds", "", null, null)).id(),
                categories.create(new CategoryService.CategoryInput("Orders", "", null, null)).id());
        for (int i = 0; i < 40; i++) {
            UUID ticket = tickets.create(new NewTicket("Order " + i + " did not arrive", "Where is my parcel " + i + "?", "customer-" + i + "-" + suffix
                    + "@batch.test", "Customer " + i, "high", "question", categoryIds.get(i % 2), agents.get(i % 3).id(), teamIds.get(i % 2), null,
                    Set.of("order", "tag-" + (i % 4)), null, "email", null), Actor.of(admin)).id();
            tickets.addStaffMessage(ticket, "We are looking into order " + i + ".", false, admin);
            tickets.addStaffMessage(ticket, "Courier asked.", true, admin);
        }

        statements(2); // the first run of a shape warms the server's caches; compare warm runs
        statements(40);
        long two = statements(2);
        long forty = statements(40);
        System.out.println("GraphQL page of 2 tickets: " + two + " SQL statements; of 40: " + forty);
        assertTrue(two > 0, "the counter sees the page's statements");
        assertTrue(forty - two <= 2, "40 tickets took " + forty + " statements, 2 tickets " + two
                + ": something behind a ticket is read one ticket at a time");
        // the counter itself tells one statement per ticket from a batch: reading the forty one by one shows
        long oneByOne = counted(() -> {
            for (int i = 0; i < 40; i++) {
                tenancy.em().createQuery("SELECT t FROM Ticket t WHERE t.subject = :s", org.relaydesk.core.ticket.Ticket.class)
                        .setParameter("s", "Order " + i + " did not arrive").getResultList();
            }
        });
        assertTrue(oneByOne >= 40, "one query per ticket counts as " + oneByOne);
    }

    private static Set<UUID> members(List<User> agents) {
        return Set.copyOf(agents.stream().map(User::id).toList());
    }

    /** Runs a page of {@code size} tickets as the signed-in admin; the statements it sent. */
    private long statements(int size) throws Exception {
        return counted(() -> {
            ExecutionResult result = graphql.run(PAGE.formatted(size), null, Map.of(), false);
            assertTrue(result.getErrors().isEmpty(), String.valueOf(result.getErrors()));
            Map<String, Object> page = result.<Map<String, Map<String, Object>>>getData().get("tickets");
            List<?> rows = (List<?>) page.get("tickets");
            assertEquals(size, rows.size());
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) rows.get(0);
            assertTrue(first.get("assignee") != null && first.get("team") != null && first.get("category") != null
                    && !((List<?>) first.get("comments")).isEmpty(), "the page reads what is behind its tickets: " + first);
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    /** The SQL statements EclipseLink sends on this thread while {@code work} runs. */
    private long counted(Work work) throws Exception {
        AtomicLong calls = new AtomicLong();
        Thread request = Thread.currentThread();
        SessionEventListener counter = new SessionEventAdapter() {
            @Override
            public void preExecuteCall(SessionEvent event) {
                if (Thread.currentThread() == request) {
                    calls.incrementAndGet();
                }
            }
        };
        var session = persistence.unwrap(org.eclipse.persistence.jpa.JpaEntityManagerFactory.class).getServerSession();
        session.getEventManager().addListener(counter);
        try {
            work.run();
        } finally {
            session.getEventManager().removeListener(counter);
        }
        return calls.get();
    }
}
