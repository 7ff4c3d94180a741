package org.relaydesk.web.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.access.Caller;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.TooManyRequestsException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.portal.Customer;
import org.relaydesk.core.portal.CustomerAccounts;
import org.relaydesk.core.portal.CustomerLink;
import org.relaydesk.core.portal.CustomerTickets;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * Customer portal accounts and the portal's ticket access, in the container on PostgreSQL:
 * registration and verification, password and one-time-link sign-in (single use, expiring on an
 * injected clock), resets, answers that never reveal whether an address has an account, rate
 * limits, and the walls around every customer's tickets (other customers, internal notes and their
 * files, other workspaces, organisation sharing and webmail domains).
 */
@ExtendWith(ArquillianExtension.class)
class CustomerPortalIT {
    private static final String PASSWORD = "correct horse battery";

    @Deployment
    static WebArchive relaydesk() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("relaydesk.war")));
    }

    @Inject
    CustomerAccounts accounts;

    @Inject
    CustomerTickets portal;

    @Inject
    WorkspaceService workspaces;

    @Inject
    UserService users;

    @Inject
    TicketService tickets;

    @Inject
    Tenancy tenancy;

    @Inject
    Caller caller;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @AfterEach
    void realTime() {
        accounts.useClock(Clock.systemUTC());
    }

    private record Space(UUID id, String slug, AuthenticatedUser admin) {
    }

    private Space workspace(String name) {
        caller.actAsSystem();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        WorkspaceService.Created created = workspaces.create(name, name.toLowerCase() + "-" + suffix,
                new UserService.NewUser("admin-" + suffix + "@" + name.toLowerCase() + ".test", name + " Admin", "admin", "admin-password-1"));
        return new Space(created.workspace().id(), created.workspace().slug(), AuthenticatedUser.of(created.admin()));
    }

    private static String client() {
        return "10.9." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }

    /** The account emails queued for an address, oldest first: their purposes. */
    private List<String> emailsTo(String address) throws Exception {
        List<String> purposes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT payload->>'purpose' FROM outbox WHERE kind = 'email.customer_account' AND payload->>'to' = ? ORDER BY created_at, id")) {
            s.setString(1, address);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    purposes.add(rows.getString(1));
                }
            }
        }
        return purposes;
    }

    private UUID accountId(String address) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM customer_accounts WHERE lower(email) = ?")) {
            s.setString(1, address);
            try (ResultSet rows = s.executeQuery()) {
                assertTrue(rows.next(), "an account for " + address);
                return rows.getObject(1, UUID.class);
            }
        }
    }

    private List<String> storedLinkHashes() throws Exception {
        List<String> hashes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery("SELECT token_hash FROM customer_links")) {
            while (rows.next()) {
                hashes.add(rows.getString(1));
            }
        }
        return hashes;
    }

    /** Registers and verifies through the verification link; returns the signed-in customer. */
    private CustomerAccounts.SignedIn registered(Space space, String name, String address) throws Exception {
        accounts.register(space.slug(), name, address, PASSWORD, client());
        tenancy.actAs(space.id());
        String token = accounts.mintLink(accountId(address), CustomerLink.Purpose.VERIFY);
        return accounts.verify(token, client());
    }

    @Test
    void registerVerifyAndSignIn() throws Exception {
        Space space = workspace("Acme");
        String address = "ann-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
        String client = client();
        accounts.register(space.slug(), "Ann Customer", address, PASSWORD, client);
        assertEquals(List.of("verify"), emailsTo(address), "a verification email is queued");

        ConflictException unverified = assertThrows(ConflictException.class, () -> accounts.signIn(space.slug(), address, PASSWORD, client));
        assertTrue(unverified.getMessage().contains("confirm"), unverified.getMessage());
        assertEquals(List.of("verify", "verify"), emailsTo(address), "and a fresh link is sent");

        tenancy.actAs(space.id());
        String token = accounts.mintLink(accountId(address), CustomerLink.Purpose.VERIFY);
        assertFalse(storedLinkHashes().contains(token), "only the digest is stored");
        CustomerAccounts.SignedIn verified = accounts.verify(token, client);
        assertEquals(address, verified.customer().email());
        assertEquals(verified.customer(), accounts.session(verified.sessionToken()).orElseThrow(), "the session signs in");
        assertThrows(InvalidInputException.class, () -> accounts.verify(token, client), "a verification link works once");

        assertTrue(accounts.signIn(space.slug(), address, PASSWORD, client).isPresent(), "the password signs in");
        assertTrue(accounts.signIn(space.slug(), address.toUpperCase(), PASSWORD, client).isPresent(), "whatever the case of the address");
        assertTrue(accounts.signIn(space.slug(), address, "wrong password!!", client).isEmpty());
        assertTrue(accounts.signIn(space.slug(), "nobody@client.test", PASSWORD, client).isEmpty(), "an unknown address: the same answer");

        // the staff sign-in knows nothing of customers, and the portal nothing of staff
        Space other = workspace("Globex");
        assertTrue(accounts.signIn(other.slug(), address, PASSWORD, client).isEmpty(), "an account is per workspace");
        assertTrue(accounts.signIn(space.slug(), space.admin().email(), "admin-password-1", client).isEmpty(), "staff cannot sign in here");
        assertTrue(accounts.session("rdp_not-a-session-token-at-all").isEmpty());
        accounts.signOut(verified.sessionToken());
        assertTrue(accounts.session(verified.sessionToken()).isEmpty(), "signed out");
    }

    @Test
    void passwordPolicy() throws Exception {
        Space space = workspace("Policy");
        for (String weak : List.of("short", "password123", "aaaaaaaaaaaa", "carol.smith-2024")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> accounts.register(space.slug(), "Carol", "carol.smith@client.test", weak, client()), weak);
            assertTrue(refused.fieldErrors().containsKey("password"), weak);
        }
        assertThrows(InvalidInputException.class, () -> accounts.register(space.slug(), "Carol", "not-an-address", PASSWORD, client()));
        assertThrows(InvalidInputException.class, () -> accounts.register(space.slug(), " ", "carol@client.test", PASSWORD, client()));
        assertThrows(InvalidInputException.class, () -> accounts.register("no-such-workspace", "Carol", "carol@client.test", PASSWORD, client()));
        assertEquals(List.of(), emailsTo("carol.smith@client.test"), "nothing refused was sent");
    }

    @Test
    void answersNeverTellWhetherAnAddressHasAnAccount() throws Exception {
        Space space = workspace("Quiet");
        String known = "known-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
        String unknown = "unknown-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
        registered(space, "Known", known);

        // the same (silent) answer; only the owner of the address learns something, by email
        accounts.requestSignInLink(space.slug(), known, client());
        accounts.requestSignInLink(space.slug(), unknown, client());
        accounts.requestReset(space.slug(), known, client());
        accounts.requestReset(space.slug(), unknown, client());
        accounts.register(space.slug(), "Someone", known, "another good passphrase", client());
        assertEquals(List.of("verify", "sign_in", "reset", "already_registered"), emailsTo(known));
        assertEquals(List.of(), emailsTo(unknown));
        assertTrue(accounts.signIn(space.slug(), known, PASSWORD, client()).isPresent(), "registering again changed nothing");
        assertTrue(accounts.signIn(space.slug(), known, "another good passphrase", client()).isEmpty());
    }

    @Test
    void signInLinksWorkOnceAndExpire() throws Exception {
        Space space = workspace("Links");
        String address = "lee-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
        registered(space, "Lee", address);
        tenancy.actAs(space.id());
        UUID account = accountId(address);

        String first = accounts.mintLink(account, CustomerLink.Purpose.SIGN_IN);
        String second = accounts.mintLink(account, CustomerLink.Purpose.SIGN_IN);
        assertEquals(address, accounts.signInWithLink(first, client()).customer().email());
        assertThrows(InvalidInputException.class, () -> accounts.signInWithLink(first, client()), "used once");
        assertThrows(InvalidInputException.class, () -> accounts.signInWithLink(second, client()), "using one spends the others");

        tenancy.actAs(space.id());
        Instant now = Instant.now();
        accounts.useClock(Clock.fixed(now, ZoneOffset.UTC));
        String late = accounts.mintLink(account, CustomerLink.Purpose.SIGN_IN);
        accounts.useClock(Clock.fixed(now.plus(Duration.ofMinutes(16)), ZoneOffset.UTC));
        assertThrows(InvalidInputException.class, () -> accounts.signInWithLink(late, client()), "15 minutes and it is gone");
        accounts.useClock(Clock.fixed(now, ZoneOffset.UTC));
        tenancy.actAs(space.id());
        String timely = accounts.mintLink(account, CustomerLink.Purpose.SIGN_IN);
        accounts.useClock(Clock.fixed(now.plus(Duration.ofMinutes(14)), ZoneOffset.UTC));
        CustomerAccounts.SignedIn signedIn = accounts.signInWithLink(timely, client());
        assertThrows(InvalidInputException.class, () -> accounts.verify(timely, client()), "a link of one purpose is no link of another");

        accounts.useClock(Clock.fixed(now.plus(Duration.ofDays(15)), ZoneOffset.UTC));
        assertTrue(accounts.session(signedIn.sessionToken()).isEmpty(), "sessions expire after 14 days");
    }

    @Test
    void passwordReset() throws Exception {
        Space space = workspace("Reset");
        String address = "rob-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
        CustomerAccounts.SignedIn before = registered(space, "Rob", address);
        tenancy.actAs(space.id());
        String token = accounts.mintLink(accountId(address), CustomerLink.Purpose.RESET);
        assertTrue(accounts.resetLinkUsable(token));
        assertThrows(InvalidInputException.class, () -> accounts.resetPassword(token, "short", client()), "the policy applies");
        CustomerAccounts.SignedIn after = accounts.resetPassword(token, "a brand new passphrase", client());
        assertThrows(InvalidInputException.class, () -> accounts.resetPassword(token, "yet another passphrase", client()), "once");
        assertTrue(accounts.session(before.sessionToken()).isEmpty(), "other sessions end");
        assertTrue(accounts.session(after.sessionToken()).isPresent());
        assertTrue(accounts.signIn(space.slug(), address, PASSWORD, client()).isEmpty());
        assertTrue(accounts.signIn(space.slug(), address, "a brand new passphrase", client()).isPresent());

        String client = client();
        assertThrows(InvalidInputException.class, () -> accounts.changePassword(after.customer(), "wrong", "whatever passphrase", client));
        CustomerAccounts.SignedIn changed = accounts.changePassword(after.customer(), "a brand new passphrase", "the third passphrase", client);
        assertTrue(accounts.session(after.sessionToken()).isEmpty());
        assertTrue(accounts.session(changed.sessionToken()).isPresent());
    }

    @Test
    void rateLimits() throws Exception {
        Space space = workspace("Limits");
        String address = "flood-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
        for (int i = 0; i < 5; i++) {
            accounts.requestSignInLink(space.slug(), address, client());
        }
        assertThrows(TooManyRequestsException.class, () -> accounts.requestSignInLink(space.slug(), address, client()),
                "five emails an hour per address, from anywhere (and the same for unknown addresses)");

        String client = client();
        for (int i = 0; i < 20; i++) {
            accounts.requestReset(space.slug(), "someone-" + i + "@client.test", client);
        }
        assertThrows(TooManyRequestsException.class, () -> accounts.requestReset(space.slug(), "one-more@client.test", client),
                "twenty an hour per client");

        String guesser = client();
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
        registered(space, "Victim", victim);
        for (int i = 0; i < 5; i++) {
            assertTrue(accounts.signIn(space.slug(), victim, "guess number " + i, guesser).isEmpty());
        }
        assertThrows(TooManyRequestsException.class, () -> accounts.signIn(space.slug(), victim, PASSWORD, guesser),
                "five wrong passwords, then even the right one waits");
        assertTrue(accounts.signIn(space.slug(), victim, PASSWORD, client()).isPresent(), "the owner from elsewhere is not locked out");
    }

    @Test
    void aCustomerSeesOnlyTheirOwnTicketsAndPublicReplies() throws Exception {
        Space space = workspace("Walls");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Customer ann = registered(space, "Ann", "ann-" + suffix + "@initech.example").customer();
        Customer bob = registered(space, "Bob", "bob-" + suffix + "@initech.example").customer();
        Customer gail = registered(space, "Gail", "gail-" + suffix + "@gmail.com").customer();
        Customer gus = registered(space, "Gus", "gus-" + suffix + "@gmail.com").customer();

        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        Ticket annTicket = portal.create(ann, "Printer on fire", "It is really on fire", List.of(new CustomerTickets.NamedFile("photo.pdf", pdf)));
        assertEquals(ann.contactId(), annTicket.requester().id());
        assertEquals("portal", annTicket.sourceChannel());
        long number = annTicket.number();

        tenancy.actAs(space.id());
        Message note = tickets.addStaffMessage(annTicket.id(), "Internal: customer is on our watch list", true, space.admin());
        tenancy.actAs(space.id());
        // a file sent with the internal note, as an agent's upload would be
        attachmentService.attachToMessage(annTicket.id(), note.id(), List.of(AttachmentService.check("internal.pdf", pdf)));
        tenancy.actAs(space.id());
        tickets.addStaffMessage(annTicket.id(), "We sent the fire brigade", false, space.admin());

        CustomerTickets.View view = portal.view(ann, number);
        assertTrue(view.own());
        assertEquals(List.of("We sent the fire brigade"), view.messages().stream().map(Message::bodyText).map(String::strip).toList(),
                "public replies only, never the internal note");
        assertTrue(view.filesByMessage().isEmpty(), "the note's file is not shown");
        assertEquals(1, view.descriptionFiles().size());
        UUID noteFile = fileOn(note.id());
        assertThrows(NotFoundException.class, () -> portal.file(ann, number, noteFile), "nor downloadable by its id");
        assertEquals("photo.pdf", portal.file(ann, number, view.descriptionFiles().get(0).id()).fileName());

        // every other customer: "not found", whatever they try
        for (Customer other : List.of(bob, gail)) {
            assertThrows(NotFoundException.class, () -> portal.view(other, number));
            assertThrows(NotFoundException.class, () -> portal.reply(other, number, "let me in", List.of()));
            assertThrows(NotFoundException.class, () -> portal.reopen(other, number));
            assertThrows(NotFoundException.class, () -> portal.rate(other, number, 1, "bad"));
            assertThrows(NotFoundException.class, () -> portal.file(other, number, view.descriptionFiles().get(0).id()));
            assertEquals(0, portal.list(other, "all", "mine", 1, 20).total());
        }
        assertThrows(InvalidInputException.class, () -> portal.list(bob, "all", "organization", 1, 20), "not shared until an admin allows it");

        // another workspace with a ticket of the same number: a customer of one never reaches it
        Space elsewhere = workspace("Elsewhere");
        tenancy.actAs(elsewhere.id());
        Ticket foreign = tickets.create(new NewTicket("Foreign secret", "Not yours", "ann-" + suffix + "@initech.example", "Ann", null, null, null,
                null, null, null, null, null, "api"), Actor.SYSTEM);
        assertEquals(number, foreign.number());
        assertEquals("Printer on fire", portal.view(ann, number).ticket().subject(), "their own workspace's ticket");
        assertEquals(1, portal.list(ann, "all", "mine", 1, 20).total());

        // the admin shares by domain: colleagues see it read-only; webmail addresses never share
        tenancy.actAs(space.id());
        caller.signedIn(space.admin());
        workspaces.changePortalSharing(true);
        caller.actAsSystem();
        assertTrue(portal.sharesOrganization(bob));
        CustomerTickets.View shared = portal.view(bob, number);
        assertFalse(shared.own());
        assertFalse(shared.mayReply() || shared.mayRate() || shared.mayReopen());
        assertEquals(1, shared.messages().size(), "still no internal note");
        assertEquals(1, portal.list(bob, "all", "organization", 1, 20).total());
        assertThrows(NotFoundException.class, () -> portal.reply(bob, number, "me too", List.of()), "read-only");
        Ticket gailTicket = portal.create(gail, "Webmail question", "Hello", List.of());
        assertFalse(portal.sharesOrganization(gus));
        assertThrows(NotFoundException.class, () -> portal.view(gus, gailTicket.number()), "gmail.com is nobody's organisation");
        assertThrows(InvalidInputException.class, () -> portal.list(gus, "all", "organization", 1, 20));

        // the owner replies (with a file), the team resolves, the owner rates and may reopen
        Message reply = portal.reply(ann, number, "Thanks, it is out now", List.of(new CustomerTickets.NamedFile("after.pdf", pdf)));
        assertEquals(1, portal.view(ann, number).filesByMessage().get(reply.id()).size());
        assertThrows(InvalidInputException.class, () -> portal.reply(ann, number, "bad file",
                List.of(new CustomerTickets.NamedFile("run.exe", new byte[] {'M', 'Z', 0, 0, 1, 2, 3}))));
        assertThrows(ConflictException.class, () -> portal.rate(ann, number, 5, "early"), "only once it is solved");
        tenancy.actAs(space.id());
        tickets.resolve(annTicket.id(), Actor.SYSTEM);
        assertTrue(portal.view(ann, number).mayRate());
        assertThrows(InvalidInputException.class, () -> portal.rate(ann, number, 6, null));
        assertEquals(5, portal.rate(ann, number, 5, "Great").rating());
        assertThrows(ConflictException.class, () -> portal.rate(ann, number, 1, "changed my mind"), "once");
        assertEquals(TicketStatus.OPEN, portal.reopen(ann, number).status());
        assertEquals(1, portal.list(ann, "open", "mine", 1, 20).total());
        assertEquals(0, portal.list(ann, "solved", "mine", 1, 20).total());
        assertThrows(InvalidInputException.class, () -> portal.list(ann, "everything", "mine", 1, 20));
        assertThrows(InvalidInputException.class, () -> portal.list(ann, "all", "mine", 1, 500));
    }

    private UUID fileOn(UUID messageId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT id FROM attachments WHERE message_id = ?")) {
            s.setObject(1, messageId);
            try (ResultSet rows = s.executeQuery()) {
                assertTrue(rows.next());
                return rows.getObject(1, UUID.class);
            }
        }
    }

    @Inject
    AttachmentService attachmentService;
}
