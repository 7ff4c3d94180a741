package org.relaydesk.web.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.core.channel.ChannelAccounts;
import org.relaydesk.core.channel.ChannelDeliveries;
import org.relaydesk.core.channel.ChannelHttp;
import org.relaydesk.core.channel.InboundFiling;
import org.relaydesk.core.channel.ReplyRoutes;
import org.relaydesk.core.channel.TemplateService;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.job.JobRunner;
import org.relaydesk.core.outbox.OutboxDelivery;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * Messaging channels as the container runs them, with a real plugin (MessagingTestPlugin) behind the
 * plugin guard: contacts without email, the WhatsApp id and phone of one person, merging contacts,
 * conversations that continue by contact and account, ranked receipts, the conversation window,
 * opt-out and templates.
 */
@ExtendWith(ArquillianExtension.class)
class MessagingIT {
    private static final String WA = "14155550123";

    @Deployment
    static WebArchive relaydesk() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("relaydesk.war")));
    }

    @Inject
    org.relaydesk.core.access.Caller caller;

    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceService workspaces;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    @Inject
    ChannelHttp http;

    @Inject
    InboundFiling filing;

    @Inject
    TicketService tickets;

    @Inject
    ContactService contacts;

    @Inject
    ReplyRoutes routes;

    @Inject
    ChannelDeliveries deliveries;

    @Inject
    TemplateService templates;

    @Inject
    JobRunner runner;

    @Inject
    org.relaydesk.core.sla.BusinessCalendars calendars;

    @Inject
    jakarta.validation.Validator validator;

    @Inject
    OutboxDelivery outbox;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    @Inject
    jakarta.enterprise.inject.Instance<jakarta.enterprise.context.control.RequestContextController> requestContexts;

    @Inject
    UserService users;

    @Inject
    org.relaydesk.core.team.TeamService teams;

    @Inject
    org.relaydesk.core.ticket.TicketVisibility visibility;

    @Inject
    org.relaydesk.core.channel.InboundWorkers workers;

    /** A fresh workspace with the test channel on, acted as; its admin. */
    private AuthenticatedUser workspace(String name) {
        caller.actAsSystem(); // the test runner is reached over HTTP; these tests are the system's own work
        plugins.setEnabled(MessagingTestPlugin.ID, true, "test");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = workspaces.create(name, name.toLowerCase() + "-" + suffix, new UserService.NewUser("admin-" + suffix + "@msg.test",
                name + " Admin", "admin", "messaging-admin-password"));
        tenancy.actAs(created.workspace().id());
        return AuthenticatedUser.of(created.admin());
    }

    private UUID account(String name) {
        return accounts.create(new ChannelAccounts.AccountInput(MessagingTestPlugin.KIND, name, true, Map.of(), null, null, null)).account().id();
    }

    /** What the provider's webhook delivers, through the account's public address, stored in the inbox and filed. */
    private Filed webhook(UUID account, String line) throws Exception {
        var answer = http.dispatch(account, new HttpRequest("POST", "", Map.of(), Map.of(), line.getBytes(StandardCharsets.UTF_8), "203.0.113.9"));
        assertEquals(200, answer.status(), new String(answer.body(), StandardCharsets.UTF_8));
        String[] parts = line.split("\\|", -1);
        String externalId = parts[0].equals("msg") ? parts[5] : parts[0].equals("status") ? "status:" + parts[1] + ":" + parts[2]
                : parts[0].equals("changed") ? parts[3] : null;
        UUID id = UUID.fromString(text("SELECT CAST(id AS text) FROM inbound_messages WHERE account_id = ? AND external_id = ?", account, externalId));
        filing.file(id); // the background worker may have been first: what counts is the row
        return new Filed(text("SELECT status FROM inbound_messages WHERE id = ?", id),
                uuidOrNull(text("SELECT CAST(ticket_id AS text) FROM inbound_messages WHERE id = ?", id)),
                text("SELECT error FROM inbound_messages WHERE id = ?", id));
    }

    private record Filed(String status, UUID ticketId, String error) {
    }

    private static String msg(String from, String name, String text, String reference) {
        return "msg|" + from + "|" + name + "|" + text + "|" + (reference == null ? "" : reference) + "|wamid." + UUID.randomUUID();
    }

    @Test
    void aRequesterByPhoneAloneIsAContactWithoutEmailAndAMalformedNumberChangesNothing() throws Exception {
        workspace("Phone");
        Ticket ticket = tickets.create(new NewTicket("Call me back", null, null, null, null, null, null, null, null, null, null, null, "api", null,
                "+44 20 7946 0958", null), Actor.SYSTEM);
        Contact requester = ticket.requester();
        assertNull(requester.primaryEmail());
        assertEquals("+442079460958", requester.primaryPhone(), "normalised to E.164");
        assertEquals("+442079460958", requester.name(), "no name: the number stands for one");

        long before = count("SELECT count(*) FROM tickets WHERE workspace_id = ?", tenancy.workspaceId());
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> tickets.create(new NewTicket("Bad", null, null, null, null, null,
                null, null, null, null, null, null, "api", null, "+1 555", null), Actor.SYSTEM));
        assertTrue(bad.fieldErrors().containsKey("requester_phone"), bad.fieldErrors().toString());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> tickets.create(new NewTicket("Nobody", null, null, null, null, null,
                null, null, null, null, null, null, "api", null, null, null), Actor.SYSTEM));
        assertTrue(none.fieldErrors().get("requester_email").contains("requester_phone"));
        assertEquals(before, count("SELECT count(*) FROM tickets WHERE workspace_id = ?", tenancy.workspaceId()));
    }

    @Test
    void aWhatsAppIdAndItsPhoneNumberAreOnePerson() throws Exception {
        workspace("Twins");
        Ticket byPhone = tickets.create(new NewTicket("By phone", null, null, "Ann", null, null, null, null, null, null, null, null, "api", null,
                "+" + WA, null), Actor.SYSTEM);
        Contact onWhatsApp = contacts.findOrCreateByIdentity(IdentityKind.WHATSAPP, WA, "Ann on WhatsApp");
        assertEquals(byPhone.requester().id(), onWhatsApp.id(), "the WhatsApp id finds the contact that has the number");
        assertTrue(onWhatsApp.has(IdentityKind.WHATSAPP, WA), "and the contact gains the WhatsApp id");

        Contact fresh = contacts.findOrCreateByIdentity(IdentityKind.WHATSAPP, "4915112345678", null);
        assertTrue(fresh.has(IdentityKind.PHONE, "+4915112345678"), "met on WhatsApp: reachable by phone too");
        assertEquals(fresh.id(), contacts.findByIdentity(IdentityKind.PHONE, "+49 151 12345678").orElseThrow().id());
    }

    @Test
    void mergingContactsMovesTicketsAndIdentitiesAndSaysSoOnEveryTicket() throws Exception {
        AuthenticatedUser admin = workspace("Merge");
        Ticket byMail = tickets.create(new NewTicket("Mail", null, "ann@customer.test", "Ann", null, null, null, null, null, null, null, null, "api"),
                Actor.SYSTEM);
        Ticket byPhone = tickets.create(new NewTicket("Phone", null, null, "Ann M.", null, null, null, null, null, null, null, null, "api", null,
                "+" + WA, null), Actor.SYSTEM);
        UUID phoneContact = byPhone.requester().id();
        UUID mailContact = byMail.requester().id();
        Actor agent = Actor.of(admin);

        assertThrows(InvalidInputException.class, () -> contacts.merge(phoneContact, phoneContact, agent), "not into itself");
        Contact survivor = contacts.merge(phoneContact, mailContact, agent);
        assertEquals(mailContact, survivor.id());
        assertTrue(survivor.has(IdentityKind.PHONE, "+" + WA));
        assertEquals(mailContact, UUID.fromString(text("SELECT CAST(requester_id AS text) FROM tickets WHERE id = ?", byPhone.id())));
        assertEquals("Contact Ann M. merged into Ann by " + admin.name(),
                text("SELECT after_value FROM ticket_events WHERE ticket_id = ? AND action = 'contact_merged'", byPhone.id()));
        assertEquals(mailContact, contacts.findByIdentity(IdentityKind.PHONE, "+" + WA).orElseThrow().id());
        assertThrows(ConflictException.class, () -> contacts.merge(phoneContact, mailContact, agent), "merged already");

        workspace("Elsewhere");
        assertThrows(NotFoundException.class, () -> contacts.merge(mailContact, phoneContact, agent), "another workspace's contact is not found");
    }

    @Test
    void anIdentityAnotherContactHoldsExactlyOrAsItsTwinIsRefusedNamingThem() throws Exception {
        workspace("Owners");
        Contact ann = tickets.create(new NewTicket("By phone", null, null, "Ann", null, null, null, null, null, null, null, null, "api", null,
                "+" + WA, null), Actor.SYSTEM).requester();
        Contact mallory = tickets.create(new NewTicket("Hi", null, "mallory@evil.test", "Mallory", null, null, null, null, null, null, null, null,
                "api"), Actor.SYSTEM).requester();

        ConflictException twin = assertThrows(ConflictException.class, () -> contacts.addIdentity(mallory.id(), IdentityKind.WHATSAPP, WA),
                "Ann's number as a WhatsApp id is Ann");
        assertTrue(twin.getMessage().contains("Ann"), twin.getMessage());
        assertEquals(ann.id().toString(), twin.details().get("contact_id"));
        ConflictException exact = assertThrows(ConflictException.class, () -> contacts.addIdentity(mallory.id(), IdentityKind.PHONE, "+1 415 555 0123"));
        assertEquals(ann.id().toString(), exact.details().get("contact_id"));
        assertFalse(contacts.get(mallory.id()).has(IdentityKind.WHATSAPP, WA));
        assertEquals(ann.id(), contacts.findByIdentity(IdentityKind.WHATSAPP, WA).orElseThrow().id(), "WhatsApp messages from the number stay Ann's");

        contacts.addIdentity(ann.id(), IdentityKind.WHATSAPP, WA); // her own number's WhatsApp id is hers to add
        assertTrue(contacts.get(ann.id()).has(IdentityKind.WHATSAPP, WA));
    }

    @Test
    void aTicketNamingSomeonesEmailAndANewNumberDoesNotGiveThemTheNumber() throws Exception {
        workspace("Takeover");
        Contact victim = tickets.create(new NewTicket("Hello", null, "victim@customer.test", "Victim", null, null, null, null, null, null, null, null,
                "api"), Actor.SYSTEM).requester();
        Ticket forged = tickets.create(new NewTicket("Change my number", null, "victim@customer.test", "Victim", null, null, null, null, null, null,
                null, null, "api", null, "+1 415 555 0177", "14155550188"), Actor.SYSTEM);
        assertEquals(victim.id(), forged.requester().id(), "the ticket is the email address's contact's");
        Contact after = contacts.get(victim.id());
        assertFalse(after.has(IdentityKind.PHONE, "+14155550177"), "nor does the contact gain the number");
        assertFalse(after.has(IdentityKind.WHATSAPP, "14155550188"));
        assertTrue(contacts.findByIdentity(IdentityKind.WHATSAPP, "14155550188").isEmpty(), "a WhatsApp message from it finds nobody");

        Ticket newcomer = tickets.create(new NewTicket("First time", null, "new@customer.test", "New", null, null, null, null, null, null, null, null,
                "api", null, "+1 415 555 0199", null), Actor.SYSTEM);
        assertTrue(newcomer.requester().has(IdentityKind.PHONE, "+14155550199"), "a contact made by the ticket gets the free number");
        Ticket taken = tickets.create(new NewTicket("Second", null, "other@customer.test", "Other", null, null, null, null, null, null, null, null,
                "api", null, null, "14155550199"), Actor.SYSTEM);
        assertFalse(taken.requester().has(IdentityKind.WHATSAPP, "14155550199"), "but not one whose twin someone has");
    }

    @Test
    void anAgentMergesOnlyContactsWithATicketItCanSeeASupervisorAny() throws Exception {
        workspace("Walls");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID agentId = users.create(new UserService.NewUser("agent-" + suffix + "@walls.test", "Alice", "agent", "agent-password-1")).id();
        UUID leadId = users.create(new UserService.NewUser("lead-" + suffix + "@walls.test", "Bill", "supervisor", "lead-password-1")).id();
        AuthenticatedUser agent = new AuthenticatedUser(agentId, tenancy.workspaceId(), "agent-" + suffix + "@walls.test", "Alice",
                org.relaydesk.core.user.Role.AGENT, false);
        AuthenticatedUser lead = new AuthenticatedUser(leadId, tenancy.workspaceId(), "lead-" + suffix + "@walls.test", "Bill",
                org.relaydesk.core.user.Role.SUPERVISOR, false);
        UUID billing = teams.saveTeam(null, "Billing", "", java.util.Set.of(agent.id())).id();
        UUID vip = teams.saveTeam(null, "VIP", "", java.util.Set.of()).id();
        var settings = workspaces.get(tenancy.workspaceId());
        workspaces.updateSettings(settings.name(), settings.ticketPrefix(), settings.timeZone(), settings.brandColor(), true);
        UUID mine = teamTicket("mine@walls.test", billing);
        UUID alsoMine = teamTicket("also-mine@walls.test", billing);
        UUID hidden = teamTicket("vip@walls.test", vip);

        caller.signedIn(agent);
        visibility.applyFor(agent);
        try {
            assertThrows(PermissionDeniedException.class, () -> contacts.merge(hidden, mine, Actor.of(agent)), "a VIP's tickets are not the agent's to take");
            assertThrows(PermissionDeniedException.class, () -> contacts.merge(mine, hidden, Actor.of(agent)), "nor to give tickets to");
            assertEquals(mine, contacts.merge(alsoMine, mine, Actor.of(agent)).id(), "two contacts of the agent's own tickets");
            caller.signedIn(lead);
            visibility.applyFor(lead);
            assertEquals(mine, contacts.merge(hidden, mine, Actor.of(lead)).id(), "a supervisor may");
        } finally {
            caller.actAsSystem();
        }
        assertEquals(mine.toString(), text("SELECT CAST(merged_into_id AS text) FROM contacts WHERE id = ?", hidden));
    }

    /** A ticket of the team for a new contact with this email address; the contact's id. */
    private UUID teamTicket(String email, UUID team) {
        return tickets.create(new NewTicket("Question", null, email, null, null, null, null, null, team, null, null, null, "api"), Actor.SYSTEM)
                .requester().id();
    }

    @Test
    void twoOppositeMergesAtOnceNeverBothPassAndNoIdentityIsLost() throws Exception {
        workspace("Race");
        UUID workspaceId = tenancy.workspaceId();
        for (int round = 0; round < 8; round++) {
            UUID a = teamTicket("a" + round + "@race.test", null);
            UUID b = teamTicket("b" + round + "@race.test", null);
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            var aIntoB = executor.submit(() -> mergeAlone(workspaceId, together, a, b));
            var bIntoA = executor.submit(() -> mergeAlone(workspaceId, together, b, a));
            Object first = aIntoB.get(60, java.util.concurrent.TimeUnit.SECONDS);
            Object second = bIntoA.get(60, java.util.concurrent.TimeUnit.SECONDS);
            long passed = java.util.stream.Stream.of(first, second).filter(UUID.class::isInstance).count();
            assertEquals(1, passed, "round " + round + ": exactly one merge passes (" + first + ", " + second + ")");
            Object refused = first instanceof UUID ? second : first;
            assertTrue(refused instanceof ConflictException, "round " + round + ": the other is told the contact was merged: " + refused);
            UUID survivor = (UUID) (first instanceof UUID ? first : second);
            assertEquals(survivor, contacts.findByIdentity(IdentityKind.EMAIL, "a" + round + "@race.test").orElseThrow().id());
            assertEquals(survivor, contacts.findByIdentity(IdentityKind.EMAIL, "b" + round + "@race.test").orElseThrow().id());
            assertNull(text("SELECT CAST(merged_into_id AS text) FROM contacts WHERE id = ?", survivor), "the survivor is not merged itself");
        }
    }

    /** A merge in a request and transaction of its own, started together with another; the survivor's id, or what refused it. */
    private Object mergeAlone(UUID workspaceId, java.util.concurrent.CyclicBarrier together, UUID from, UUID into) {
        jakarta.enterprise.context.control.RequestContextController context = requestContexts.get();
        context.activate();
        try {
            caller.actAsSystem();
            tenancy.actAs(workspaceId);
            together.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return contacts.merge(from, into, Actor.SYSTEM).id();
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof ConflictException)) {
                cause = cause.getCause();
            }
            return cause;
        } finally {
            context.deactivate();
        }
    }

    @Test
    void aConversationContinuesOnItsAccountAndASolvedOneReopensOnlyForAWhile() throws Exception {
        workspace("Threads");
        UUID number = account("Support number");
        UUID otherNumber = account("Sales number");

        Filed first = webhook(number, msg(WA, "Ann", "My parcel is late\nOrder A-17", null));
        assertEquals("done", first.status());
        Ticket ticket = tickets.get(first.ticketId());
        assertEquals("My parcel is late", ticket.subject(), "the first line");
        assertEquals(number, ticket.channelAccountId());

        Filed second = webhook(number, msg(WA, "Ann", "Any news?", null));
        assertEquals(first.ticketId(), second.ticketId(), "the open ticket of the conversation");
        Message added = tickets.messages(first.ticketId(), false).get(0);
        assertEquals(MessagingTestPlugin.KIND, added.source());
        assertEquals(number, added.sourceAccountId());

        Filed elsewhere = webhook(otherNumber, msg(WA, "Ann", "Hello sales", null));
        assertNotEquals(first.ticketId(), elsewhere.ticketId(), "another number is another conversation");

        tickets.resolve(first.ticketId(), Actor.SYSTEM);
        sql("UPDATE tickets SET resolved_at = now() - interval '2 days' WHERE id = ?", first.ticketId());
        Filed reopened = webhook(number, msg(WA, "Ann", "It came, but damaged", null));
        assertEquals(first.ticketId(), reopened.ticketId(), "solved two days ago: reopened");
        assertEquals("open", tickets.get(first.ticketId()).status().apiName());

        tickets.resolve(first.ticketId(), Actor.SYSTEM);
        sql("UPDATE tickets SET resolved_at = now() - interval '4 days' WHERE id = ?", first.ticketId());
        Filed fresh = webhook(number, msg(WA, "Ann", "New question", null));
        assertNotEquals(first.ticketId(), fresh.ticketId(), "solved four days ago: a new ticket");
        assertNotEquals(elsewhere.ticketId(), fresh.ticketId());

        UUID threadsWorkspace = tenancy.workspaceId();
        workspace("Other");
        UUID theirs = account("Their number");
        Filed foreign = webhook(theirs, msg(WA, "Ann", "Same person, other company", null));
        assertEquals("done", foreign.status());
        assertEquals(tenancy.workspaceId(), UUID.fromString(text("SELECT CAST(workspace_id AS text) FROM tickets WHERE id = ?", foreign.ticketId())),
                "never a ticket of another workspace");
        assertNotEquals(threadsWorkspace, tenancy.workspaceId());
    }

    @Test
    void receiptsNeverGoBackAndAProviderFailureIsShownWithItsReason() throws Exception {
        AuthenticatedUser agent = workspace("Receipts");
        UUID number = account("Support number");
        UUID ticketId = webhook(number, msg(WA, "Ann", "Hello", null)).ticketId();
        Message reply = tickets.addStaffMessage(ticketId, "Hi Ann, looking into it", false, agent, List.of());
        String sentId = deliver(reply.id());
        assertEquals("sent", deliveries.ofTicket(ticketId).get(reply.id()).status());

        assertEquals("done", webhook(number, "status|" + sentId + "|READ|").status());
        Filed late = webhook(number, "status|" + sentId + "|DELIVERED|");
        assertEquals("done", late.status());
        assertNull(late.ticketId(), "a receipt files nothing");
        assertEquals("read", deliveries.ofTicket(ticketId).get(reply.id()).status(), "a late 'delivered' never takes 'read' back");

        Message second = tickets.addStaffMessage(ticketId, "Here is the tracking link", false, agent, List.of());
        String secondId = deliver(second.id());
        webhook(number, "status|" + secondId + "|FAILED|131026 Message undeliverable");
        webhook(number, "status|" + secondId + "|READ|");
        var failed = deliveries.ofTicket(ticketId).get(second.id());
        assertEquals("failed", failed.status(), "a failure is final");
        assertEquals("131026 Message undeliverable", failed.receiptDetail());
    }

    @Test
    void aReceiptArrivingThroughAnotherNumbersWebhookChangesNothing() throws Exception {
        AuthenticatedUser agent = workspace("Owned");
        UUID number = account("Support number");
        UUID otherNumber = account("Sales number");
        UUID ticketId = webhook(number, msg(WA, "Ann", "Hello", null)).ticketId();
        Message reply = tickets.addStaffMessage(ticketId, "Hi Ann, looking into it", false, agent, List.of());
        String sentId = deliver(reply.id());

        webhook(otherNumber, "status|" + sentId + "|FAILED|131026 Message undeliverable");
        webhook(otherNumber, "status|" + sentId + "|READ|");
        assertEquals("sent", deliveries.ofTicket(ticketId).get(reply.id()).status(), "the other number cannot speak for this reply");
        webhook(number, "status|" + sentId + "|DELIVERED|");
        assertEquals("delivered", deliveries.ofTicket(ticketId).get(reply.id()).status(), "its own number can");
    }

    @Test
    void aClosedWindowRefusesFreeTextAndTheProvidersRefusalIsNotRetried() throws Exception {
        AuthenticatedUser agent = workspace("Window");
        UUID number = account("Support number");
        UUID ticketId = webhook(number, msg(WA, "Ann", "Hello", null)).ticketId();
        assertEquals("open", routes.window(ticketId).state());

        Message refused = tickets.addStaffMessage(ticketId, "#window this goes out", false, agent, List.of());
        deliverUntilFinal(refused.id());
        var delivery = deliveries.ofTicket(ticketId).get(refused.id());
        assertEquals("failed", delivery.status(), "the provider's 'outside the window' ends the send: no retry");
        assertTrue(delivery.lastError().contains("conversation window closed"), delivery.lastError());

        sql("UPDATE contact_channel_activity SET last_customer_message_at = now() - interval '25 hours' WHERE account_id = ?", number);
        ReplyRoutes.WindowState window = routes.window(ticketId);
        assertEquals("closed", window.state());
        long messages = tickets.messages(ticketId, true).size();
        ConflictException closed = assertThrows(ConflictException.class,
                () -> tickets.addStaffMessage(ticketId, "Are you still there?", false, agent, List.of()));
        assertEquals("conversation-window-closed", closed.type());
        assertTrue(closed.getMessage().contains("24-hour customer service window") && closed.getMessage().contains("template"), closed.getMessage());
        assertEquals(window.openUntil().toString(), closed.details().get("closed_at"));
        assertEquals(messages, tickets.messages(ticketId, true).size(), "nothing saved");
        tickets.addStaffMessage(ticketId, "An internal note is fine", true, agent, List.of());

        UUID otherAccount = account("Other number");
        InvalidInputException wrongVia = assertThrows(InvalidInputException.class,
                () -> tickets.addStaffMessage(ticketId, "Via a stranger", false, agent, List.of(), UUID.randomUUID()));
        assertTrue(wrongVia.fieldErrors().containsKey("via"));
        assertEquals(2, routes.routes(ticketId).size());
        assertEquals(number, routes.routes(ticketId).get(0).accountId(), "the account it arrived through first");
        assertEquals("closed", routes.routes(ticketId).get(1).window().state(), "never written through: closed");
        assertEquals(otherAccount, routes.routes(ticketId).get(1).accountId());
    }

    @Test
    void stopOptsOutAndNothingIsSentUntilStart() throws Exception {
        AuthenticatedUser agent = workspace("Optout");
        UUID number = account("Support number");
        UUID ticketId = webhook(number, msg(WA, "Ann", "Hello", null)).ticketId();
        webhook(number, msg(WA, "Ann", "  stop ", null));
        assertTrue(contacts.identity(IdentityKind.WHATSAPP, WA).orElseThrow().optedOut());
        assertTrue(tickets.messages(ticketId, true).stream().anyMatch(m -> m.isInternal() && m.bodyText().contains("nothing more will be sent")));

        ConflictException refused = assertThrows(ConflictException.class, () -> tickets.addStaffMessage(ticketId, "Hello?", false, agent, List.of()));
        assertEquals("recipient-opted-out", refused.type());
        // a rule's public reply is checked by nobody before it is queued: the deliverer refuses it
        Message queued = tickets.addAutomatedMessage(ticketId, "Your ticket was updated", false, new Actor("system", null, "Rule"));
        deliverUntilFinal(queued.id());
        assertEquals("failed", deliveries.ofTicket(ticketId).get(queued.id()).status(), "the deliverer never sends to an opted-out address");
        assertTrue(deliveries.ofTicket(ticketId).get(queued.id()).lastError().contains("opted out"));

        webhook(number, msg(WA, "Ann", "START", null));
        assertFalse(contacts.identity(IdentityKind.WHATSAPP, WA).orElseThrow().optedOut());
        assertNotNull(tickets.addStaffMessage(ticketId, "Welcome back", false, agent, List.of()));
    }

    @Test
    void aTemplateIsSentOnlyApprovedWithEveryVariableThroughARoute() throws Exception {
        AuthenticatedUser agent = workspace("Templates");
        UUID number = account("Support number");
        UUID ticketId = webhook(number, msg(WA, "Ann", "Hello", null)).ticketId();
        TemplateService.Synced synced = templates.syncNow(number);
        assertNull(synced.error());
        assertEquals(2, synced.templates());
        assertEquals(List.of("order_update"), templates.approved(number).stream().map(TemplateService.Template::name).toList());
        assertEquals("rejected", templates.all(number).stream().filter(t -> t.name().equals("summer_sale")).findFirst().orElseThrow().approval());

        var unapproved = assertThrows(InvalidInputException.class, () -> templates.send(ticketId, number, "summer_sale", "en_US", Map.of(), agent));
        assertTrue(unapproved.fieldErrors().get("name").contains("not approved"));
        var missing = assertThrows(InvalidInputException.class,
                () -> templates.send(ticketId, number, "order_update", "en_US", Map.of("body.1", "Ann"), agent));
        assertTrue(missing.fieldErrors().get("values").contains("body.2"));
        var wrongVia = assertThrows(InvalidInputException.class,
                () -> templates.send(ticketId, UUID.randomUUID(), "order_update", "en_US", Map.of("body.1", "Ann", "body.2", "A-17"), agent));
        assertTrue(wrongVia.fieldErrors().containsKey("via"));

        sql("UPDATE contact_channel_activity SET last_customer_message_at = now() - interval '3 days' WHERE account_id = ?", number);
        Message sent = templates.send(ticketId, number, "order_update", "en_US", Map.of("body.1", "{{customer_name}}", "body.2", "A-17"), agent);
        assertEquals("order_update", sent.templateName());
        assertTrue(sent.bodyText().contains("Hello Ann, your order A-17 has shipped."), sent.bodyText());
        String sentId = deliver(sent.id());
        String recorded = sentRecord(sentId);
        assertTrue(recorded.contains("|" + WA + "|order_update:"), "to the WhatsApp id, as the template: " + recorded);
        assertTrue(recorded.contains("body.1=Ann"), recorded);
    }

    // ---------------------------------------------------------------- automatic replies, choices, number changes, parts

    /** A business calendar open around the clock, or closed from yesterday to tomorrow (holidays), so the test never straddles a change. */
    private UUID calendar(boolean openNow) {
        var allDay = List.of(new org.relaydesk.core.sla.BusinessCalendar.Shift(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.MIDNIGHT));
        Map<String, List<org.relaydesk.core.sla.BusinessCalendar.Shift>> week = new java.util.LinkedHashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            week.put(day, allDay);
        }
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        List<org.relaydesk.core.sla.HolidayCalendarFile.Holiday> holidays = openNow ? List.of()
                : List.of(today.minusDays(1), today, today.plusDays(1)).stream()
                        .map(d -> new org.relaydesk.core.sla.HolidayCalendarFile.Holiday(d, false, "Closed")).toList();
        return calendars.create(new org.relaydesk.core.sla.BusinessCalendars.CalendarInput(openNow ? "Always" : "Closed", "UTC", week, holidays)).id();
    }

    private UUID account(String kind, String name, org.relaydesk.core.channel.AutoReplySettings replies) {
        return accounts.create(new ChannelAccounts.AccountInput(kind, name, true, Map.of(), null, null, null, replies)).account().id();
    }

    private List<Message> autoReplies(UUID ticketId) {
        return tickets.messages(ticketId, true).stream().filter(m -> m.authorType() == org.relaydesk.api.ticket.MessageAuthorType.SYSTEM).toList();
    }

    @Test
    void aNewConversationIsAcknowledgedOnceThroughTheChannelAndNeverForReceiptsStopOrAnOptedOutCustomer() throws Exception {
        workspace("Acks");
        UUID number = account(MessagingTestPlugin.KIND, "Support number", new org.relaydesk.core.channel.AutoReplySettings(
                "Thanks {{contact.name}}, we got {{ticket.number}}.", "We are closed", calendar(true), 24, false));
        UUID ticketId = webhook(number, msg(WA, "Ann", "My parcel is late", null)).ticketId();
        List<Message> acks = autoReplies(ticketId);
        assertEquals(1, acks.size(), "one acknowledgement for the new ticket");
        Message ack = acks.get(0);
        String number1 = text("SELECT w.ticket_prefix || t.number FROM tickets t JOIN workspaces w ON w.id = t.workspace_id WHERE t.id = ?", ticketId);
        assertEquals("Thanks Ann, we got " + number1 + ".", ack.bodyText().strip(), "variables filled as canned responses fill them");
        assertEquals("Auto-reply", ack.authorName());
        assertFalse(ack.isInternal(), "the customer sees it");
        assertNull(tickets.get(ticketId).firstResponseAt(), "an automatic reply is not the team's response");
        String sentId = deliver(ack.id());
        assertTrue(sentRecord(sentId).contains("|" + WA + "|"), "sent to the customer through the account: " + sentRecord(sentId));

        webhook(number, msg(WA, "Ann", "Any news?", null));
        webhook(number, msg(WA, "Ann", "Hello?", null));
        assertEquals(1, autoReplies(ticketId).size(), "the conversation continues: no second acknowledgement");
        assertEquals("done", webhook(number, "status|" + sentId + "|READ|").status());
        assertEquals(1, autoReplies(ticketId).size(), "a receipt is answered by nothing");
        assertEquals("read", deliveries.ofTicket(ticketId).get(ack.id()).status(), "the acknowledgement's own delivery is tracked");

        String other = "4915112345678";
        UUID stopped = webhook(number, msg(other, "Bo", "STOP", null)).ticketId();
        assertTrue(autoReplies(stopped).isEmpty(), "STOP opens a ticket for the agents but is never acknowledged");
        tickets.resolve(stopped, Actor.SYSTEM);
        sql("UPDATE tickets SET resolved_at = now() - interval '10 days' WHERE id = ?", stopped);
        UUID later = webhook(number, msg(other, "Bo", "Hello again", null)).ticketId();
        assertNotEquals(stopped, later);
        assertTrue(autoReplies(later).isEmpty(), "an opted-out customer gets no acknowledgement");
    }

    @Test
    void outsideBusinessHoursTheAwayMessageGoesOncePerIntervalInsteadOfTheAcknowledgement() throws Exception {
        workspace("Away");
        UUID number = account(MessagingTestPlugin.KIND, "Support number", new org.relaydesk.core.channel.AutoReplySettings(
                "Thanks", "We are closed, {{contact.name}}; we answer when we are back.", calendar(false), 24, false));
        UUID ticketId = webhook(number, msg(WA, "Ann", "Hello", null)).ticketId();
        for (int line = 0; line < 5; line++) {
            webhook(number, msg(WA, "Ann", "line " + line, null));
        }
        List<Message> sent = autoReplies(ticketId);
        assertEquals(1, sent.size(), "six lines, one away message: " + sent.stream().map(Message::bodyText).toList());
        assertTrue(sent.get(0).bodyText().startsWith("We are closed, Ann;"), sent.get(0).bodyText());

        sql("UPDATE auto_replies_sent SET sent_at = now() - interval '25 hours' WHERE ticket_id = ?", ticketId);
        webhook(number, msg(WA, "Ann", "Still there?", null));
        assertEquals(2, autoReplies(ticketId).size(), "the interval passed, still closed: once more");
    }

    @Test
    void aNumberSwitchedOffRefusesItsWebhooksAtOnceAndTakesThemAgainWhenSwitchedOn() throws Exception {
        workspace("Switch");
        UUID number = account("Switched number");
        assertEquals("done", webhook(number, msg(WA, "Ann", "Hello", null)).status());
        // the address's account is kept a second between webhooks; saving it must not leave the old one answering
        accounts.update(number, new ChannelAccounts.AccountInput(null, null, false, Map.of(), null, null, null));
        var refused = http.dispatch(number, new HttpRequest("POST", "", Map.of(), Map.of(), msg(WA, "Ann", "Still there?", null)
                .getBytes(StandardCharsets.UTF_8), "203.0.113.9"));
        assertEquals(404, refused.status(), "switched off: the address answers like one that does not exist");
        assertEquals("1", text("SELECT CAST(count(*) AS text) FROM inbound_messages WHERE account_id = ?", number), "nothing stored");
        accounts.update(number, new ChannelAccounts.AccountInput(null, null, true, Map.of(), null, null, null));
        assertEquals("done", webhook(number, msg(WA, "Ann", "Back again", null)).status(), "switched on again: taken at once");
    }

    @Test
    void autoReplySettingsAreCheckedAndKeptWithTheAccount() throws Exception {
        workspace("Settings");
        UUID calendarId = calendar(true);
        var missingCalendar = assertThrows(InvalidInputException.class, () -> account(MessagingTestPlugin.KIND, "A",
                new org.relaydesk.core.channel.AutoReplySettings(null, "Closed", null, 24, false)));
        assertTrue(missingCalendar.fieldErrors().containsKey("auto_replies.business_calendar_id"), missingCalendar.fieldErrors().toString());
        var badInterval = assertThrows(InvalidInputException.class, () -> account(MessagingTestPlugin.KIND, "A",
                new org.relaydesk.core.channel.AutoReplySettings("Hi", null, null, 0, false)));
        assertTrue(badInterval.fieldErrors().containsKey("auto_replies.interval_hours"));
        UUID id = account(MessagingTestPlugin.KIND, "A", new org.relaydesk.core.channel.AutoReplySettings("Hi", "Closed", calendarId, 6, false));
        var kept = accounts.view(id).account().autoReplies();
        assertEquals("Hi", kept.acknowledgement());
        assertEquals(calendarId, kept.calendarId());
        assertEquals(6, kept.intervalHours());
        accounts.update(id, new ChannelAccounts.AccountInput(null, "A renamed", true, Map.of(), null, null, null));
        assertEquals("Closed", accounts.view(id).account().autoReplies().away(), "an update that says nothing about them keeps them");
    }

    @Test
    void choicesAndReplyToGoToTheChannelOnlyWhereItCanShowThem() throws Exception {
        AuthenticatedUser agent = workspace("Choices");
        UUID rich = account(MessagingTestPlugin.RICH_KIND, "Rich number", null);
        UUID ticketId = webhook(rich, msg(WA, "Ann", "I need a new size", null)).ticketId();
        webhook(rich, msg(WA, "Ann", "Which sizes are there?", null));
        Message question = tickets.messages(ticketId, false).stream().filter(m -> m.bodyText().contains("Which sizes")).findFirst().orElseThrow();
        assertNotNull(question.externalId(), "the customer's message keeps its channel id, to be answered");

        var json = org.relaydesk.core.text.Jsonp.createReader(
                "{\"buttons\":[{\"id\":\"s\",\"title\":\"Small\"},{\"id\":\"l\",\"title\":\"Large\"}]}").readObject();
        var choices = org.relaydesk.web.api.ChoicesRequest.from(json).validated(validator);
        Message reply = tickets.addStaffMessage(ticketId, "Pick one", false, agent, List.of(), null,
                new org.relaydesk.core.ticket.ReplyExtras(choices, question.id()));
        String recorded = sentRecord(deliver(reply.id()));
        assertTrue(recorded.endsWith("|[Small, Large]|" + question.externalId()), "buttons and the answered message reach the channel: " + recorded);

        var tooMany = org.relaydesk.core.text.Jsonp.createReader("{\"buttons\":[{\"id\":\"a\",\"title\":\"A title of 21 chars!!\"},"
                + "{\"id\":\"b\",\"title\":\"B\"},{\"id\":\"c\",\"title\":\"C\"},{\"id\":\"c\",\"title\":\"D\"}]}").readObject();
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> org.relaydesk.web.api.ChoicesRequest.from(tooMany).validated(validator));
        assertEquals("1 to 3 buttons", refused.fieldErrors().get("choices.buttons"), refused.fieldErrors().toString());
        assertEquals("at most 20 characters", refused.fieldErrors().get("choices.buttons[0].title"), refused.fieldErrors().toString());
        assertTrue(refused.fieldErrors().get("choices").contains("id of its own"), refused.fieldErrors().toString());

        UUID plain = account("Plain number");
        UUID plainTicket = webhook(plain, msg(WA, "Ann", "Hello plain", null)).ticketId();
        long before = tickets.messages(plainTicket, true).size();
        InvalidInputException incapable = assertThrows(InvalidInputException.class, () -> tickets.addStaffMessage(plainTicket, "Pick one", false,
                agent, List.of(), null, new org.relaydesk.core.ticket.ReplyExtras(choices, null)));
        assertTrue(incapable.fieldErrors().get("choices").contains("Test messenger cannot show buttons or lists"), incapable.fieldErrors().toString());
        InvalidInputException stranger = assertThrows(InvalidInputException.class, () -> tickets.addStaffMessage(plainTicket, "Re", false,
                agent, List.of(), null, new org.relaydesk.core.ticket.ReplyExtras(null, question.id())));
        assertEquals("is not a message of this ticket", stranger.fieldErrors().get("reply_to"));
        assertEquals(before, tickets.messages(plainTicket, true).size(), "nothing saved");
    }

    @Test
    void aChangedNumberMovesTheContactAndTheConversationContinuesOnTheNewOne() throws Exception {
        AuthenticatedUser agent = workspace("Moved");
        UUID number = account("Support number");
        String moved = "14155550999";
        UUID ticketId = webhook(number, msg(WA, "Ann", "Hello", null)).ticketId();
        UUID contactId = tickets.get(ticketId).requester().id();

        Filed change = webhook(number, "changed|" + WA + "|" + moved + "|wamid.change-" + UUID.randomUUID());
        assertEquals("done", change.status());
        assertEquals(ticketId, change.ticketId());
        assertEquals(contactId, contacts.findByIdentity(IdentityKind.WHATSAPP, moved).orElseThrow().id());
        assertEquals(contactId, contacts.findByIdentity(IdentityKind.PHONE, "+" + moved).orElseThrow().id());
        assertTrue(contacts.findByIdentity(IdentityKind.WHATSAPP, WA).isEmpty(), "the old number may be someone else's one day");
        assertTrue(tickets.messages(ticketId, true).stream().anyMatch(m -> m.isInternal() && m.bodyText().contains("changed their Test messenger number from +"
                + WA + " to +" + moved)), "the agents are told on the conversation's ticket");

        assertEquals(ticketId, webhook(number, msg(moved, "Ann", "It's me, new number", null)).ticketId(), "the conversation continues");
        String sentId = deliver(tickets.addStaffMessage(ticketId, "Noted", false, agent, List.of()).id());
        assertTrue(sentRecord(sentId).contains("|" + moved + "|"), "replies go to the new number: " + sentRecord(sentId));

        Filed unknown = webhook(number, "changed|4915100000001|4915100000002|wamid.change-" + UUID.randomUUID());
        assertEquals("ignored", unknown.status());
        assertTrue(unknown.error().contains("no contact has the old number"), unknown.error());
    }

    @Test
    void aReplySentAsSeveralMessagesIsAsFarAsItsSlowestPart() throws Exception {
        AuthenticatedUser agent = workspace("Parts");
        UUID number = account("Support number");
        UUID ticketId = webhook(number, msg(WA, "Ann", "Hello", null)).ticketId();
        Message reply = tickets.addStaffMessage(ticketId, "Here are the photos #parts", false, agent, List.of());
        String first = deliver(reply.id());
        String file = first + ".file";
        webhook(number, "status|" + first + "|READ|");
        assertEquals("sent", deliveries.ofTicket(ticketId).get(reply.id()).status(), "the file has not arrived yet");
        webhook(number, "status|" + file + "|DELIVERED|");
        assertEquals("delivered", deliveries.ofTicket(ticketId).get(reply.id()).status());
        webhook(number, "status|" + file + "|READ|");
        assertEquals("read", deliveries.ofTicket(ticketId).get(reply.id()).status(), "every part read");
        assertEquals(ticketId, webhook(number, msg(WA, "Ann", "Nice photo", file)).ticketId(), "an answer to the file finds the ticket");

        Message second = tickets.addStaffMessage(ticketId, "And the invoice #parts", false, agent, List.of());
        String text = deliver(second.id());
        webhook(number, "status|" + text + "|READ|");
        webhook(number, "status|" + text + ".file|FAILED|131053 Media upload error");
        var failed = deliveries.ofTicket(ticketId).get(second.id());
        assertEquals("failed", failed.status(), "one part failed: the reply did not fully arrive");
        assertEquals("131053 Media upload error", failed.receiptDetail());
    }

    @Test
    void eachSendersMessagesAreFiledInOrderAndABusyOrFailingOneHoldsBackOnlyThatSender() throws Exception {
        workspace("Order");
        UUID number = account("Support number");
        workers.start(); // the scheduler starts them a second after deployment; these tests need them now

        // Ann's first message is being read by a worker (its media takes long): her next waits, Bob's goes ahead
        System.setProperty("testmsg.slow", "on");
        String annFirst = store(number, msg("4915100000001", "Ann", "Here is the photo #slow", null));
        awaitTrue(() -> text("SELECT claimed_by FROM inbound_messages WHERE external_id = ?", annFirst) != null, "a worker takes Ann's first message");
        String annSecond = store(number, msg("4915100000001", "Ann", "and the receipt", null));
        String bob = store(number, msg("4915100000002", "Bob", "Where is my order?", null));
        awaitStatus(bob, "done");
        assertEquals("pending", status(annSecond), "Ann's second message never overtakes her first, still being filed");
        assertEquals("pending", status(annFirst), "a busy message stays pending");
        System.clearProperty("testmsg.slow");
        awaitStatus(annSecond, "done");
        assertEquals("done", status(annFirst));
        assertEquals(ticketOf(annFirst), ticketOf(annSecond), "one conversation");
        assertTrue(filedBefore(annFirst, annSecond), "filed in the order Ann wrote");

        // Carl's first message fails for a passing reason: it is tried again, and his next one waits behind it; Dan's goes ahead
        System.setProperty("testmsg.flaky", "on");
        String carlFirst = store(number, msg("4915100000003", "Carl", "Voice note #flaky", null));
        awaitTrue(() -> count("SELECT attempts FROM inbound_messages WHERE external_id = ?", carlFirst) >= 1, "Carl's first message fails once");
        String carlSecond = store(number, msg("4915100000003", "Carl", "did you hear it?", null));
        String dan = store(number, msg("4915100000004", "Dan", "Hello", null));
        awaitStatus(dan, "done");
        assertEquals("pending", status(carlFirst), "a passing failure is tried again, not set aside at once");
        assertTrue(text("SELECT error FROM inbound_messages WHERE external_id = ?", carlFirst).contains("unreachable"));
        assertEquals("pending", status(carlSecond), "Carl's second message waits for his first");
        System.clearProperty("testmsg.flaky");
        awaitStatus(carlSecond, "done");
        assertEquals("done", status(carlFirst));
        assertTrue(filedBefore(carlFirst, carlSecond), "his second message is filed after his first");
        assertTrue(tickets.messages(ticketOf(carlFirst), false).stream().anyMatch(m -> m.bodyText().contains("did you hear it?")));
        assertNotEquals(ticketOf(dan), ticketOf(carlFirst));
    }

    @Test
    void aSenderWhoseLongLineWaitsBehindItsFirstMessageHoldsUpNobodyAndItsLineIsFiledInOrder() throws Exception {
        workspace("Line");
        UUID number = account("Support number");
        workers.start();
        System.setProperty("testmsg.slow", "on");
        try {
            // Fay's first message is held by a worker; more of hers than one step of the walk reads wait behind it
            String first = store(number, msg("4915100000011", "Fay", "A long video #slow", null));
            awaitTrue(() -> text("SELECT claimed_by FROM inbound_messages WHERE external_id = ?", first) != null, "a worker takes Fay's first message");
            List<String> line = new java.util.ArrayList<>(List.of(first));
            for (int i = 1; i <= 150; i++) {
                line.add(store(number, msg("4915100000011", "Fay", "part " + i, null)));
            }
            String gus = store(number, msg("4915100000012", "Gus", "Is the shop open?", null));
            awaitStatus(gus, "done");
            assertEquals(line.size(), count("SELECT count(*) FROM inbound_messages WHERE account_id = ? AND status = 'pending'", number),
                    "none of Fay's overtook her first message");
            System.clearProperty("testmsg.slow");
            awaitStatus(line.get(line.size() - 1), "done");
            for (int i = 1; i < line.size(); i++) {
                assertTrue(filedBefore(line.get(i - 1), line.get(i)), "Fay's message " + i + " was filed after the one before it");
            }
            assertEquals(1, count("SELECT count(DISTINCT ticket_id) FROM inbound_messages WHERE account_id = ? AND external_id = ANY (?)", number,
                    line.toArray(String[]::new)), "one conversation");
        } finally {
            System.clearProperty("testmsg.slow");
        }
    }

    @Test
    void aStopOrStartDeliveredLateChangesNothing() throws Exception {
        workspace("Late");
        UUID number = account("Support number");
        long now = System.currentTimeMillis();
        UUID ticketId = webhook(number, msg(WA, "Ann", "Hello", null) + "|" + (now - 60_000)).ticketId();
        webhook(number, msg(WA, "Ann", "START", null) + "|" + (now - 10_000));
        Filed lateStop = webhook(number, msg(WA, "Ann", "STOP", null) + "|" + (now - 20_000));
        assertEquals("done", lateStop.status());
        assertFalse(contacts.identity(IdentityKind.WHATSAPP, WA).orElseThrow().optedOut(), "the STOP was written before the START: Ann stays opted in");
        assertTrue(tickets.messages(ticketId, true).stream().anyMatch(m -> m.isInternal() && m.bodyText().contains("arrived late")));

        webhook(number, msg(WA, "Ann", "STOP", null) + "|" + now);
        assertTrue(contacts.identity(IdentityKind.WHATSAPP, WA).orElseThrow().optedOut(), "a STOP written last counts");
        webhook(number, msg(WA, "Ann", "START", null) + "|" + (now - 5_000));
        assertTrue(contacts.identity(IdentityKind.WHATSAPP, WA).orElseThrow().optedOut(), "a START written before it does not undo it");
    }

    @Test
    void aReplysContextThreadsOnlyIntoTheSameRequestersConversation() throws Exception {
        workspace("Context");
        UUID number = account("Support number");
        UUID otherNumber = account("Sales number");
        String annWamid = "wamid." + UUID.randomUUID();
        UUID annTicket = webhook(number, "msg|" + WA + "|Ann|My card was charged twice||" + annWamid).ticketId();

        Filed annReply = webhook(number, msg(WA, "Ann", "Any news?", annWamid));
        assertEquals(annTicket, annReply.ticketId(), "Ann's reply to her own message joins her ticket");

        Filed stranger = webhook(number, msg("4915199999999", "Mallory", "Let me see that", annWamid));
        assertEquals("done", stranger.status());
        assertNotEquals(annTicket, stranger.ticketId(), "a quoted wamid of someone else's never opens their ticket to another sender");
        assertTrue(tickets.messages(annTicket, true).stream().noneMatch(m -> m.bodyText().contains("Let me see that")));

        Filed elsewhere = webhook(otherNumber, msg(WA, "Ann", "Same question to sales", annWamid));
        assertNotEquals(annTicket, elsewhere.ticketId(), "nor does a reply through another number join it");
    }

    @Test
    void aFilingCutShortByShutdownStaysPending() throws Exception {
        workspace("Shutdown");
        UUID number = account("Support number");
        workers.start();
        System.setProperty("testmsg.slow", "on");
        try {
            String slow = store(number, msg("4915100000009", "Eve", "A large video #slow", null));
            awaitTrue(() -> text("SELECT claimed_by FROM inbound_messages WHERE external_id = ?", slow) != null, "a worker takes the message");
            workers.stop();
            assertEquals("pending", status(slow), "interrupted, not set aside");
            assertNull(text("SELECT error FROM inbound_messages WHERE external_id = ?", slow));
            assertEquals(0, count("SELECT attempts FROM inbound_messages WHERE external_id = ?", slow), "an interrupted filing is not a failed try");
            assertNull(text("SELECT claimed_by FROM inbound_messages WHERE external_id = ?", slow), "let go for the next worker");
            System.clearProperty("testmsg.slow");
            workers.start();
            awaitStatus(slow, "done");
        } finally {
            System.clearProperty("testmsg.slow");
            workers.start();
        }
    }

    /** Posts the provider's webhook and leaves the filing to the workers; returns the message's external id. */
    private String store(UUID account, String line) throws Exception {
        var answer = http.dispatch(account, new HttpRequest("POST", "", Map.of(), Map.of(), line.getBytes(StandardCharsets.UTF_8), "203.0.113.9"));
        assertEquals(200, answer.status(), new String(answer.body(), StandardCharsets.UTF_8));
        return line.split("\\|", -1)[5];
    }

    /** Whether the first message's filing committed before the second's began (each filing's processed_at is its transaction's start). */
    private boolean filedBefore(String first, String second) throws Exception {
        return "yes".equals(text("SELECT CASE WHEN (SELECT processed_at FROM inbound_messages WHERE external_id = ?) < "
                + "(SELECT processed_at FROM inbound_messages WHERE external_id = ?) THEN 'yes' ELSE 'no' END", first, second));
    }

    private String status(String externalId) throws Exception {
        return text("SELECT status FROM inbound_messages WHERE external_id = ?", externalId);
    }

    private UUID ticketOf(String externalId) throws Exception {
        return UUID.fromString(text("SELECT CAST(ticket_id AS text) FROM inbound_messages WHERE external_id = ?", externalId));
    }

    private void awaitStatus(String externalId, String status) throws Exception {
        awaitTrue(() -> status.equals(status(externalId)), externalId + " " + status);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** Waits (30 s at most) for the workers to reach a state; never a fixed sleep. */
    private static void awaitTrue(Check check, String what) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!check.holds()) {
            assertTrue(System.nanoTime() < until, "timed out waiting for: " + what);
            Thread.sleep(20);
        }
    }

    /** Delivers the reply's outbox entry now and returns the id the channel gave it. */
    private String deliver(UUID messageId) throws Exception {
        deliverUntilFinal(messageId);
        assertEquals("sent", text("SELECT status FROM outbox WHERE payload->>'message_id' = ?", messageId.toString()),
                text("SELECT last_error FROM outbox WHERE payload->>'message_id' = ?", messageId.toString()));
        return text("SELECT external_id FROM messages WHERE id = ?", messageId);
    }

    private void deliverUntilFinal(UUID messageId) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!List.of("sent", "dead").contains(text("SELECT status FROM outbox WHERE payload->>'message_id' = ?", messageId.toString()))) {
            assertTrue(System.nanoTime() < until, "the reply was not delivered in time");
            if (!runner.runExclusively(outbox)) {
                Thread.sleep(50); // the background run holds the job: wait for it, then look again
            }
        }
    }

    private static String sentRecord(String sentId) {
        int count = Integer.getInteger("testmsg.sent.count", 0);
        for (int i = 1; i <= count; i++) {
            String value = System.getProperty("testmsg.sent." + i);
            if (value != null && value.contains("|" + sentId + "|")) {
                return value;
            }
        }
        throw new AssertionError("the channel sent nothing with id " + sentId);
    }

    private long count(String sql, Object... params) throws Exception {
        return Long.parseLong(text(sql, params));
    }

    private static UUID uuidOrNull(String value) {
        return value == null ? null : UUID.fromString(value);
    }

    private String text(String sql, Object... params) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private void sql(String sql, Object... params) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }
}
