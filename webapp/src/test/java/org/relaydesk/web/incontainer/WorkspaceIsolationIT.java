package org.relaydesk.web.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketFilter;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * Runs inside Payara Micro with the real WAR: the workspace boundary as the container wires it
 * (CDI, JTA, EclipseLink multitenancy and its caches), below the REST layer, so that a service or
 * query written later cannot cross it without a test noticing. Also the data source's guard rails.
 */
@ExtendWith(ArquillianExtension.class)
class WorkspaceIsolationIT {
    @Deployment
    static WebArchive relaydesk() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("relaydesk.war")));
    }

    @Inject
    WorkspaceService workspaces;

    @Inject
    TicketService tickets;

    @Inject
    TicketSearch search;

    @Inject
    Tenancy tenancy;

    @Inject
    UserTransaction transaction;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @Test
    void aWorkspaceSeesNothingOfAnother() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID acme = workspaces.create("Acme", "acme-" + suffix, new UserService.NewUser("admin-" + suffix + "@acme.test", "Acme Admin", "admin",
                "acme-admin-password")).workspace().id();
        UUID globex = workspaces.create("Globex", "globex-" + suffix, new UserService.NewUser("admin-" + suffix + "@globex.test", "Globex Admin",
                "admin", "globex-admin-password")).workspace().id();

        tenancy.actAs(acme);
        Ticket secret = tickets.create(new NewTicket("Quarterly zeppelin invoice", "Confidential", "cfo@customer.test", "Chief Financial Officer",
                "high", null, null, null, null, null, Set.of("finance"), null, "api"), Actor.SYSTEM);
        UUID secretId = secret.id();
        assertNotNull(tickets.get(secretId), "the owner reads it (and it is now in every cache)");

        tenancy.actAs(globex);
        assertThrows(NotFoundException.class, () -> tickets.get(secretId), "a find by id, even with the ticket cached");
        transaction.begin();
        try {
            assertNull(tenancy.em().find(Ticket.class, secretId));
            assertEquals(0L, tenancy.em().createQuery("SELECT COUNT(t) FROM Ticket t", Long.class).getSingleResult(), "JPQL");
            int changed = tenancy.em().createQuery("UPDATE Ticket t SET t.subject = 'hijacked'").executeUpdate();
            assertEquals(0, changed, "a bulk update");
        } finally {
            transaction.commit();
        }
        TicketFilter byWord = TicketFilter.builder().query("zeppelin").build();
        assertEquals(0, search.find(byWord).total(), "full-text search");
        TicketFilter byTag = TicketFilter.builder().tag("finance").build();
        assertEquals(0, search.find(byTag).total(), "tag filter");

        Ticket theirs = tickets.create(new NewTicket("Zeppelin landing", null, "cfo@customer.test", "Someone else", null, null, null, null,
                null, null, null, null, "api"), Actor.SYSTEM);
        assertEquals(1001L, theirs.number(), "numbers count per workspace");
        assertNotEquals(secret.requester().id(), theirs.requester().id(), "the same address is a different contact in another workspace");

        tenancy.actAs(acme);
        assertEquals("Quarterly zeppelin invoice", tickets.get(secretId).subject(), "untouched");
        assertEquals(1, search.find(byWord).total(), "and found by its owner");
    }

    @Test
    void requestsRunUnderAStatementTimeout() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW statement_timeout")) {
            assertTrue(rows.next());
            assertEquals("30s", rows.getString(1), "a runaway query is cut off after 30 s");
        }
    }
}
