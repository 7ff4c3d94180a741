package org.relaydesk.web.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relaydesk.core.job.JobRunner;
import org.relaydesk.core.job.ScheduledJob;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.PendingUploadCleanup;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.WorkspaceService;

/** Background jobs as the container runs them: one node at a time, and what the clean-up removes. */
@ExtendWith(ArquillianExtension.class)
class BackgroundJobsIT {
    @Deployment
    static WebArchive relaydesk() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("relaydesk.war")));
    }

    @Inject
    JobRunner runner;

    @Inject
    PendingUploadCleanup cleanup;

    @Inject
    WorkspaceService workspaces;

    @Inject
    TicketService tickets;

    @Inject
    AttachmentService attachments;

    @Inject
    Tenancy tenancy;

    @Inject
    org.relaydesk.core.access.Caller caller;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @Inject
    org.relaydesk.core.workflow.WorkflowRules workflowRules;

    @Inject
    org.relaydesk.core.workflow.TimedRules timedRules;

    @Test
    void aTimeBasedRuleActsOnceOnEachTicketWhoseMomentCame() throws Exception {
        caller.actAsSystem(); // the test runner is reached over HTTP; these tests are the system's own work
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID workspace = workspaces.create("Timed", "timed-" + suffix, new UserService.NewUser("admin-" + suffix + "@timed.test", "Timed Admin",
                "admin", "timed-admin-password")).workspace().id();
        tenancy.actAs(workspace);
        var rule = workflowRules.create(new org.relaydesk.core.workflow.WorkflowRules.RuleInput("Stale after a day", true, null, "hours_since_created",
                java.math.BigDecimal.valueOf(24), new org.relaydesk.core.workflow.RuleDefinition(new org.relaydesk.core.workflow.Conditions(true, java.util.List.of()),
                        java.util.List.of(new org.relaydesk.core.workflow.RuleDefinition.Step("add_tag", java.util.Map.of("tag", "stale"))))));
        UUID old = tickets.create(new NewTicket("Waiting since yesterday", null, "old@customer.test", "Old", null, null, null, null, null, null,
                null, null, "api"), Actor.SYSTEM).id();
        UUID fresh = tickets.create(new NewTicket("Just arrived", null, "new@customer.test", "New", null, null, null, null, null, null,
                null, null, "api"), Actor.SYSTEM).id();
        try (Connection connection = dataSource.getConnection()) {
            sql(connection, "UPDATE tickets SET created_at = now() - interval '25 hours' WHERE id = ?", old);
            // as if the rule had last looked two hours ago
            sql(connection, "UPDATE workflow_rules SET timed_checked_until = now() - interval '2 hours' WHERE id = ?", rule.id());
        }

        assertTrue(runner.runExclusively(timedRules));
        assertTrue(tickets.get(old).tags().contains("stale"), "a day and an hour old: its moment came an hour ago");
        assertFalse(tickets.get(fresh).tags().contains("stale"), "new: not yet");

        assertTrue(runner.runExclusively(timedRules));
        assertEquals(1, workflowRules.runs(rule.id(), 10).size(), "once per ticket: the check moved on");
    }

    @Inject
    org.relaydesk.core.sla.SlaWatch slaWatch;

    @Test
    void aTimeBasedRuleReachesEveryTicketWhenManyShareOneTimestampAcrossAPage() throws Exception {
        caller.actAsSystem(); // the test runner is reached over HTTP; these tests are the system\'s own work
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID workspace = workspaces.create("Import", "import-" + suffix, new UserService.NewUser("admin-" + suffix + "@import.test", "Import Admin",
                "admin", "import-admin-password")).workspace().id();
        tenancy.actAs(workspace);
        var rule = workflowRules.create(new org.relaydesk.core.workflow.WorkflowRules.RuleInput("Imported and stale", true, null, "hours_since_created",
                java.math.BigDecimal.valueOf(24), new org.relaydesk.core.workflow.RuleDefinition(new org.relaydesk.core.workflow.Conditions(true, java.util.List.of()),
                        java.util.List.of(new org.relaydesk.core.workflow.RuleDefinition.Step("add_tag", java.util.Map.of("tag", "stale"))))));
        UUID first = tickets.create(new NewTicket("Imported ticket", null, "import@customer.test", "Imported", null, null, null, null, null, null,
                null, null, "api"), Actor.SYSTEM).id();
        int more = 504; // 505 tickets of one instant: a page (500) ends among them
        try (Connection connection = dataSource.getConnection()) {
            sql(connection, "UPDATE tickets SET created_at = date_trunc('second', now()) - interval '25 hours' WHERE id = ?", first);
            // an import: the same ticket many times over, all created at the same instant
            String columns = text(connection, "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns "
                    + "WHERE table_schema = current_schema() AND table_name = 'tickets' AND column_name NOT IN ('id', 'number', 'search_vector')");
            sql(connection, "INSERT INTO tickets (id, number, " + columns + ") SELECT gen_random_uuid(), t.number + g, " + columns.replaceAll("(^|, )", "$1t.")
                    + " FROM tickets t, generate_series(1, " + more + ") g WHERE t.id = ?", first);
            sql(connection, "UPDATE workflow_rules SET timed_checked_until = now() - interval '2 hours' WHERE id = ?", rule.id());
        }

        runWhenFree(timedRules);
        runWhenFree(timedRules);
        runWhenFree(timedRules);

        try (Connection connection = dataSource.getConnection()) {
            assertEquals(1 + more, count(connection, "SELECT count(DISTINCT ticket_id) FROM workflow_runs WHERE rule_id = ? AND outcome = 'applied'", rule.id()),
                    "every ticket of the instant, on both sides of the page boundary");
            assertEquals(1 + more, count(connection, "SELECT count(*) FROM workflow_runs WHERE rule_id = ?", rule.id()), "and each once");
            assertEquals(1, count(connection, "SELECT count(*) FROM workflow_rules WHERE id = ? AND timed_checked_id IS NULL "
                    + "AND timed_checked_until > now() - interval '5 minutes'", rule.id()), "caught up: checked until the last run");
        }
    }

    @Test
    void aTicketWhoseSlaCannotBeComputedIsSetAsideAndTheOthersGetTheirBreaches() throws Exception {
        caller.actAsSystem(); // the test runner is reached over HTTP; these tests are the system\'s own work
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID workspace = workspaces.create("Poison", "poison-" + suffix, new UserService.NewUser("admin-" + suffix + "@poison.test", "Poison Admin",
                "admin", "poison-admin-password")).workspace().id();
        tenancy.actAs(workspace);
        java.util.List<UUID> healthy = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            healthy.add(tickets.create(new NewTicket("Waiting for two days " + i, null, "wait" + i + "@customer.test", "Waiting", null, null, null, null,
                    null, null, null, null, "api"), Actor.SYSTEM).id());
        }
        UUID poisoned = tickets.create(new NewTicket("Urgent and broken", null, "broken@customer.test", "Broken", "urgent", null, null, null, null, null,
                null, null, "api"), Actor.SYSTEM).id();
        UUID calendar = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            // a calendar edited in the database down to no working time, and a policy for urgent tickets that counts it
            sql(connection, "INSERT INTO business_calendars (id, workspace_id, name, time_zone, week) VALUES (?, ?, 'Never open', 'UTC', '{}')",
                    calendar, workspace);
            sql(connection, "INSERT INTO sla_policies (id, workspace_id, name, position, business_hours_only, calendar_id, first_response_minutes, "
                    + "next_response_minutes, resolution_minutes, conditions) VALUES (?, ?, 'Urgent', 0, true, ?, 60, 60, 240, '{\"priorities\": [\"urgent\"]}')",
                    UUID.randomUUID(), workspace, calendar);
            // all four were created two days ago (medium: due in 8 h) and are due for the watcher now, the broken one first
            sql(connection, "UPDATE tickets SET created_at = now() - interval '2 days', sla_next_check_at = now() - interval '1 minute' WHERE id = ?", poisoned);
            for (UUID ticket : healthy) {
                sql(connection, "UPDATE tickets SET created_at = now() - interval '2 days', sla_next_check_at = now() WHERE id = ?", ticket);
            }
        }

        runWhenFree(slaWatch);

        try (Connection connection = dataSource.getConnection()) {
            for (UUID ticket : healthy) {
                assertTrue(count(connection, "SELECT count(*) FROM ticket_events WHERE ticket_id = ? AND action = 'sla_breached'", ticket) > 0,
                        "the others get their breach");
            }
            assertEquals(0, count(connection, "SELECT count(*) FROM ticket_events WHERE ticket_id = ? AND action LIKE 'sla_%'", poisoned));
            assertTrue(text(connection, "SELECT sla_error FROM tickets WHERE id = ?", poisoned).contains("shift"), "the reason is kept on the ticket");
            tenancy.actAs(workspace); // the job acted in each ticket's workspace
            assertTrue(tickets.get(poisoned).slaError().contains("shift"), "and shown with the ticket");
            assertEquals(1, count(connection, "SELECT sla_failures FROM tickets WHERE id = ? AND sla_error_at IS NOT NULL", poisoned));
            assertEquals(1, count(connection, "SELECT count(*) FROM tickets WHERE id = ? AND sla_next_check_at > now() + interval '4 minutes'", poisoned),
                    "set aside for a while, not tried again every two seconds");
        }
        runWhenFree(slaWatch);
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(1, count(connection, "SELECT sla_failures FROM tickets WHERE id = ?", poisoned), "not retried before its pause is over");
            // the admin repairs the calendar: the next look computes the ticket and clears the reason
            sql(connection, "UPDATE business_calendars SET week = '{\"monday\": [{\"start\": \"00:00\", \"end\": \"23:59\"}]}' WHERE id = ?", calendar);
            sql(connection, "UPDATE tickets SET sla_next_check_at = now() WHERE id = ?", poisoned);
        }
        runWhenFree(slaWatch);
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(1, count(connection, "SELECT count(*) FROM tickets WHERE id = ? AND sla_error IS NULL AND sla_failures = 0 AND sla_policy_id IS NOT NULL",
                    poisoned));
            tenancy.actAs(workspace);
            assertEquals(null, tickets.get(poisoned).slaError());
        }
    }

    @Inject
    org.relaydesk.core.sla.SlaPolicies slaPolicies;

    @Test
    void aNewDefaultPolicyTakesNewTicketsAndTheWatcherMovesTheOpenOnes() throws Exception {
        caller.actAsSystem(); // the test runner is reached over HTTP; these tests are the system\'s own work
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID workspace = workspaces.create("Premium", "premium-" + suffix, new UserService.NewUser("admin-" + suffix + "@premium.test", "Premium Admin",
                "admin", "premium-admin-password")).workspace().id();
        tenancy.actAs(workspace);
        UUID standard = slaPolicies.list().get(0).id();
        UUID before = tickets.create(new NewTicket("Opened under Standard", null, "early@customer.test", "Early", null, null, null, null, null, null,
                null, null, "api"), Actor.SYSTEM).id();
        assertEquals(standard, tickets.get(before).slaPolicyId());

        var premium = slaPolicies.create(new org.relaydesk.core.sla.SlaPolicies.PolicyInput("Premium", null, true, false, null, 60, null, 240,
                null, java.util.Map.of(), null));
        var vip = slaPolicies.create(new org.relaydesk.core.sla.SlaPolicies.PolicyInput("VIP", null, false, false, null, 30, null, 120,
                null, java.util.Map.of("requester_domains", java.util.List.of("vip.test")), null));
        assertFalse(slaPolicies.get(standard).isDefault(), "one default at a time");

        UUID after = tickets.create(new NewTicket("Opened under Premium", null, "late@customer.test", "Late", null, null, null, null, null, null,
                null, null, "api"), Actor.SYSTEM).id();
        UUID vipTicket = tickets.create(new NewTicket("A VIP asks", null, "cfo@vip.test", "CFO", null, null, null, null, null, null,
                null, null, "api"), Actor.SYSTEM).id();
        assertEquals(premium.id(), tickets.get(after).slaPolicyId(), "the new default, not the old one that has no conditions and comes first");
        assertEquals(vip.id(), tickets.get(vipTicket).slaPolicyId(), "a policy whose conditions hold comes before the default");

        runWhenFree(slaWatch);
        tenancy.actAs(workspace); // the job acted in each ticket's workspace
        assertEquals(premium.id(), tickets.get(before).slaPolicyId(), "the open ticket moves to the new default at the watcher's next look");

        var refused = org.junit.jupiter.api.Assertions.assertThrows(org.relaydesk.core.error.InvalidInputException.class,
                () -> slaPolicies.create(new org.relaydesk.core.sla.SlaPolicies.PolicyInput("Default for some", null, true, false, null, 60, null, 240,
                        null, java.util.Map.of("priorities", java.util.List.of("urgent")), null)));
        assertTrue(refused.fieldErrors().get("conditions").contains("no conditions"), refused.fieldErrors().toString());
        assertTrue(slaPolicies.get(premium.id()).isDefault(), "a refused policy changes nothing");
    }

    /** Runs a job once here, waiting while the container's own schedule happens to be running it. */
    private void runWhenFree(ScheduledJob job) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runner.runExclusively(job)) {
            assertTrue(System.nanoTime() < until, job.name() + " stayed locked");
            Thread.sleep(50);
        }
    }

    private static long count(Connection connection, String sql, Object... params) throws Exception {
        return Long.parseLong(text(connection, sql, params));
    }

    private static String text(Connection connection, String sql, Object... params) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    @Test
    void aJobDoesNotRunWhileAnotherNodeHoldsItsLock() throws Exception {
        caller.actAsSystem(); // the test runner is reached over HTTP; these tests are the system's own work
        AtomicInteger runs = new AtomicInteger();
        ScheduledJob job = new ScheduledJob() {
            public String name() {
                return "test.counting";
            }

            public Duration interval() {
                return Duration.ofMinutes(1);
            }

            public void run() {
                runs.incrementAndGet();
            }
        };
        // another node, as far as PostgreSQL can tell: a connection of its own, outside the server's pool
        org.postgresql.ds.PGSimpleDataSource elsewhere = new org.postgresql.ds.PGSimpleDataSource();
        elsewhere.setURL(System.getProperty("relaydesk.db.url"));
        elsewhere.setUser(System.getProperty("relaydesk.db.user"));
        try (Connection otherNode = elsewhere.getConnection()) {
            sql(otherNode, "SELECT pg_advisory_lock(?)", JobRunner.lockKey("test.counting"));
            assertFalse(runner.runExclusively(job), "the lock is taken");
            assertEquals(0, runs.get());
            sql(otherNode, "SELECT pg_advisory_unlock(?)", JobRunner.lockKey("test.counting"));
        }
        assertTrue(runner.runExclusively(job));
        assertTrue(runner.runExclusively(job), "the lock ends with each run's transaction");
        assertEquals(2, runs.get());
    }

    @Test
    void unsentUploadsAreRemovedAfterADayAndSentFilesStay() throws Exception {
        caller.actAsSystem(); // the test runner is reached over HTTP; these tests are the system's own work
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID workspace = workspaces.create("Jobs", "jobs-" + suffix, new UserService.NewUser("admin-" + suffix + "@jobs.test", "Jobs Admin",
                "admin", "jobs-admin-password")).workspace().id();
        tenancy.actAs(workspace);
        UUID ticket = tickets.create(new NewTicket("Upload left behind", null, "files@customer.test", "Files Customer", null, null, null,
                null, null, null, null, null, "api"), Actor.SYSTEM).id();
        byte[] text = "export failed at row 40000".getBytes(StandardCharsets.UTF_8);
        UUID abandoned = attachments.upload(ticket, "old.txt", text, null).id();
        UUID sent = attachments.upload(ticket, "sent.txt", text, null).id();
        UUID fresh = attachments.upload(ticket, "fresh.txt", text, null).id();
        try (Connection connection = dataSource.getConnection()) {
            sql(connection, "UPDATE attachments SET created_at = now() - interval '2 days' WHERE id IN (?, ?)", abandoned, sent);
            sql(connection, "UPDATE attachments SET on_description = true WHERE id = ?", sent);
        }

        assertTrue(runner.runExclusively(cleanup));

        try (Connection connection = dataSource.getConnection()) {
            assertFalse(exists(connection, abandoned), "an upload nobody sent, two days old");
            assertTrue(exists(connection, sent), "a file that went out with the ticket");
            assertTrue(exists(connection, fresh), "an upload of today may still be sent");
        }
    }

    private static void sql(Connection connection, String sql, Object... params) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    private static boolean exists(Connection connection, UUID id) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM attachments WHERE id = ?")) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Inject
    org.relaydesk.core.chat.ChatTimeouts chatTimeouts;

    /** A chat whose visitor went quiet ends by itself and leaves the inbox; one still in touch goes on. */
    @Test
    void aChatWhoseVisitorWentQuietEndsAndOneInTouchGoesOn() throws Exception {
        caller.actAsSystem();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID workspace = workspaces.create("Chats", "chats-" + suffix, new UserService.NewUser("admin-" + suffix + "@chats.test", "Chat Admin",
                "admin", "chat-admin-password")).workspace().id();
        tenancy.actAs(workspace);
        UUID quietTicket = tickets.create(new NewTicket("Chat: hello?", "hello?", "quiet@visitor.test", "Quiet", null, null, null, null, null, null,
                null, null, "chat"), Actor.SYSTEM).id();
        UUID activeTicket = tickets.create(new NewTicket("Chat: still here", "still here", "active@visitor.test", "Active", null, null, null, null,
                null, null, null, null, "chat"), Actor.SYSTEM).id();
        UUID quiet = UUID.randomUUID();
        UUID active = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            chatRow(connection, quiet, workspace, quietTicket, "now() - interval '11 minutes'");
            chatRow(connection, active, workspace, activeTicket, "now() - interval '1 minute'");
        }

        assertTrue(runner.runExclusively(chatTimeouts));

        try (Connection connection = dataSource.getConnection()) {
            assertEquals("ended/timeout", chatState(connection, quiet), "no sign for 11 minutes");
            assertEquals("active/null", chatState(connection, active), "a minute ago: still in the chat");
        }
        tenancy.actAs(workspace);
        assertTrue(tickets.messages(quietTicket, true).stream().anyMatch(m -> m.bodyText().contains("no sign of the visitor")),
                "the ticket says why the chat ended");
    }

    @Inject
    org.relaydesk.core.assist.ReminderJob reminders;

    /**
     * A follow-up that came due brings its ticket back: one that waited on the customer is open again,
     * a solved one is reopened, each with the note of whoever set it; one not due yet waits; and a
     * second run does nothing more.
     */
    @Test
    void aDueFollowUpBringsItsTicketBackOnceWithItsNote() throws Exception {
        caller.actAsSystem();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID workspace = workspaces.create("Follow-ups", "follow-" + suffix, new UserService.NewUser("admin-" + suffix + "@follow.test",
                "Follow Admin", "admin", "follow-admin-password")).workspace().id();
        tenancy.actAs(workspace);
        UUID waiting = tickets.create(new NewTicket("Waiting", "Any news?", "w@follow.test", "W", null, null, null, null, null, null, null, null,
                "email"), Actor.SYSTEM).id();
        tickets.update(waiting, new org.relaydesk.core.ticket.TicketPatch(null, null, "waiting_on_customer", null, null, null, null, null, null, null,
                null), Actor.SYSTEM);
        UUID solved = tickets.create(new NewTicket("Solved", "Fixed?", "s@follow.test", "S", null, null, null, null, null, null, null, null,
                "email"), Actor.SYSTEM).id();
        tickets.resolve(solved, Actor.SYSTEM);
        UUID later = tickets.create(new NewTicket("Later", "Soon", "l@follow.test", "L", null, null, null, null, null, null, null, null,
                "email"), Actor.SYSTEM).id();
        tickets.update(later, new org.relaydesk.core.ticket.TicketPatch(null, null, "waiting_on_customer", null, null, null, null, null, null, null,
                null), Actor.SYSTEM);
        try (Connection connection = dataSource.getConnection()) {
            reminder(connection, workspace, waiting, "now() - interval '1 minute'", "Did the courier call?");
            reminder(connection, workspace, solved, "now() - interval '1 minute'", "Check the fix held");
            reminder(connection, workspace, later, "now() + interval '2 hours'", "Not yet");
        }

        assertTrue(runner.runExclusively(reminders));
        assertTrue(runner.runExclusively(reminders));

        tenancy.actAs(workspace);
        assertEquals(org.relaydesk.api.ticket.TicketStatus.OPEN, tickets.get(waiting).status());
        assertEquals(org.relaydesk.api.ticket.TicketStatus.OPEN, tickets.get(solved).status(), "a solved ticket is reopened");
        assertEquals(org.relaydesk.api.ticket.TicketStatus.WAITING_ON_CUSTOMER, tickets.get(later).status(), "not due yet");
        assertEquals(1, tickets.messages(waiting, true).stream().filter(m -> m.bodyText().equals("Follow-up set by Alice Agent: Did the courier call?"))
                .count(), "the note, once");
        assertTrue(tickets.messages(solved, true).stream().anyMatch(m -> m.bodyText().contains("Check the fix held")));
        assertTrue(tickets.messages(later, true).stream().noneMatch(m -> m.bodyText().contains("Not yet")));
    }

    private static void reminder(Connection connection, UUID workspace, UUID ticket, String due, String note) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ticket_reminders (id, workspace_id, ticket_id, due_at, note, "
                + "created_by_name, created_at) VALUES (?, ?, ?, " + due + ", ?, 'Alice Agent', now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, workspace);
            insert.setObject(3, ticket);
            insert.setString(4, note);
            insert.executeUpdate();
        }
    }

    private static void chatRow(Connection connection, UUID id, UUID workspace, UUID ticket, String seen) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO chats (id, workspace_id, ticket_id, visitor_token_hash, status, "
                + "visitor_seen_at) VALUES (?, ?, ?, 'x', 'active', " + seen + ")")) {
            insert.setObject(1, id);
            insert.setObject(2, workspace);
            insert.setObject(3, ticket);
            insert.executeUpdate();
        }
    }

    private static String chatState(Connection connection, UUID id) throws Exception {
        try (PreparedStatement select = connection.prepareStatement("SELECT status, ended_by FROM chats WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1) + "/" + row.getString(2);
            }
        }
    }
}
