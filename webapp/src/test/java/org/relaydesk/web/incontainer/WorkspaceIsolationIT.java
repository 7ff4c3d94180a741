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
    org.relaydesk.core.access.Caller caller;

    @Inject
    UserTransaction transaction;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @Test
    void aWorkspaceSeesNothingOfAnother() throws Exception {
        caller.actAsSystem(); // the test runner is reached over HTTP; these tests are the system's own work
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

    @Inject
    UserService users;

    @Inject
    org.relaydesk.core.user.PasswordLinks links;

    @Inject
    org.relaydesk.core.team.TeamService teams;

    @Inject
    org.relaydesk.core.ticket.TagService tags;

    @Inject
    org.relaydesk.core.ticket.CategoryService categories;

    @Inject
    org.relaydesk.core.canned.CannedResponseService canned;

    @Inject
    org.relaydesk.core.field.CustomFieldService fields;

    @Inject
    org.relaydesk.core.sla.SlaPolicies policies;

    @Inject
    org.relaydesk.core.sla.BusinessCalendars calendars;

    @Inject
    org.relaydesk.core.workflow.WorkflowRules rules;

    @Inject
    org.relaydesk.core.routing.RoutingProfiles routing;

    @Inject
    org.relaydesk.core.channel.ChannelAccounts accounts;

    @Inject
    org.relaydesk.core.channel.InboundMessages inbound;

    @Inject
    org.relaydesk.core.outbox.OutboxService outbox;

    @Inject
    org.relaydesk.core.plugin.PluginHost plugins;

    @Inject
    org.relaydesk.core.kb.KnowledgeBaseService kb;

    /**
     * The service layer is a gate of its own: whichever page, endpoint or path reached it, an admin
     * action refuses an agent, a supervisor what only admins do, and a workspace admin what only the
     * system administrator does (including the system administrator's own account). A refused call
     * is refused before it looks anything up (random ids give "denied", not "not found").
     */
    @Test
    void adminServicesRefuseCallersWithoutTheRole() throws Exception {
        caller.actAsSystem();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        WorkspaceService.Created initech = workspaces.create("Initech", "initech-" + suffix,
                new UserService.NewUser("admin-" + suffix + "@initech.test", "Initech Admin", "admin", "initech-admin-password"));
        tenancy.actAs(initech.workspace().id());
        var agent = org.relaydesk.core.user.AuthenticatedUser.of(users.create(
                new UserService.NewUser("agent-" + suffix + "@initech.test", "Peter", "agent", "agent-password-1")));
        var supervisor = org.relaydesk.core.user.AuthenticatedUser.of(users.create(
                new UserService.NewUser("lead-" + suffix + "@initech.test", "Bill", "supervisor", "lead-password-1")));
        UUID owner = users.create(new UserService.NewUser("owner-" + suffix + "@initech.test", "Owner", "admin", "owner-password-1")).id();
        transaction.begin();
        tenancy.em().find(org.relaydesk.core.user.User.class, owner).grantSystemAdmin();
        transaction.commit();
        var workspaceAdmin = org.relaydesk.core.user.AuthenticatedUser.of(initech.admin());
        var systemAdmin = org.relaydesk.core.user.AuthenticatedUser.of(users.get(owner));
        UUID any = UUID.randomUUID();

        java.util.Map<String, org.junit.jupiter.api.function.Executable> adminActions = new java.util.LinkedHashMap<>();
        adminActions.put("save a team", () -> teams.saveTeam(null, "Hackers", "", Set.of()));
        adminActions.put("delete a department", () -> teams.deleteDepartment(any));
        adminActions.put("rename a tag", () -> tags.rename("vip", "pwned"));
        adminActions.put("delete a category", () -> categories.delete(any));
        adminActions.put("delete a custom field", () -> fields.delete(any));
        adminActions.put("delete an SLA policy", () -> policies.delete(any));
        adminActions.put("delete business hours", () -> calendars.delete(any));
        adminActions.put("switch a workflow on", () -> rules.enable(any, true));
        adminActions.put("set routing", () -> routing.save(agent.id(), 500, java.util.Map.of()));
        adminActions.put("list channel accounts", () -> accounts.list());
        adminActions.put("read set-aside messages", () -> inbound.list(any, null, 10));
        adminActions.put("list the outbox", () -> outbox.list(null, 10));
        adminActions.put("change workspace settings", () -> workspaces.updateSettings("Pwned", "PWN", "UTC", "#000000", false));
        adminActions.put("delete a ticket", () -> tickets.delete(any, agent));
        adminActions.put("make oneself admin", () -> users.changeRole(agent.id(), "admin", agent));
        adminActions.put("send a reset link", () -> links.sendReset(owner, agent));
        adminActions.put("list plugins", () -> plugins.list());
        adminActions.put("open the knowledge base editor", () -> kb.asEditor(k -> k.categories()));
        adminActions.put("add a knowledge base category", () -> kb.asEditor(k -> k.createCategory(
                new org.relaydesk.core.kb.CategoryInput("Pwned", null, null, null, null))));
        adminActions.put("invite an admin", () -> links.invite("mallory-" + suffix + "@initech.test", "Mallory", "admin", agent));

        caller.signedIn(null);
        for (var action : adminActions.entrySet()) {
            assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, action.getValue(), "not signed in: " + action.getKey());
        }
        caller.signedIn(agent);
        for (var action : adminActions.entrySet()) {
            assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, action.getValue(), "an agent: " + action.getKey());
        }
        caller.signedIn(supervisor);
        assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, () -> teams.saveTeam(null, "Hackers", "", Set.of()));
        assertThrows(NotFoundException.class, () -> canned.delete(any), "supervisors manage canned responses: past the gate, nothing to delete");
        assertTrue(kb.asEditor(k -> k.categories()).isEmpty(), "supervisors publish the knowledge base: past the gate, no categories yet");

        caller.signedIn(workspaceAdmin);
        assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, () -> workspaces.list(), "workspaces are the system administrator's");
        assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, () -> workspaces.create("Evil", "evil-" + suffix,
                new UserService.NewUser("evil-" + suffix + "@initech.test", "Evil", "admin", "evil-password-1")));
        assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, () -> users.changeRole(owner, "agent", workspaceAdmin),
                "a workspace admin cannot demote the system administrator");
        assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, () -> users.deactivate(owner, workspaceAdmin));
        assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, () -> plugins.install(new byte[] {1, 2, 3}),
                "plugins run with the server's rights: the system administrator's");
        assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, () -> plugins.setEnabled("channel-email", false, "x"));
        assertThrows(org.relaydesk.core.error.PermissionDeniedException.class, () -> links.sendReset(owner, workspaceAdmin),
                "nor have a reset link made for them");
        assertEquals(agent.email(), links.sendReset(agent.id(), workspaceAdmin).email(), "a colleague's reset goes to their own address");

        caller.signedIn(systemAdmin);
        assertEquals(systemAdmin.email(), links.sendReset(owner, systemAdmin).email(), "the system administrator may reset their own");
        caller.actAsSystem();
        tenancy.actAs(initech.workspace().id());
        assertEquals(org.relaydesk.core.user.Role.AGENT, users.get(agent.id()).role(), "nothing changed");
        assertTrue(users.get(owner).systemAdmin() && users.get(owner).active());
    }

    @Test
    void requestsRunUnderAStatementTimeout() throws Exception {
        caller.actAsSystem(); // the test runner is reached over HTTP; these tests are the system's own work
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW statement_timeout")) {
            assertTrue(rows.next());
            assertEquals("30s", rows.getString(1), "a runaway query is cut off after 30 s");
        }
    }
}
