package org.relaydesk.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.SchemaMigrator;
import org.relaydesk.core.report.TicketAnalytics.AgentFigures;
import org.relaydesk.core.report.TicketAnalytics.Share;
import org.relaydesk.testing.TestDatabase;

/**
 * The ticket figures on PostgreSQL against answers worked out by hand for a fixed week of tickets in
 * a Berlin workspace (March 2026, UTC+1): Monday 2 to Sunday 8 March Berlin time runs from
 * 1 March 23:00 to 8 March 23:00 UTC, so a ticket at 23:30 UTC on the 1st is Monday's and one at
 * 23:30 UTC on the 8th is the next week's. A merged ticket and another workspace's ticket count nowhere.
 */
class TicketAnalyticsIT {
    private static final UUID ACME = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final UUID GLOBEX = UUID.fromString("00000000-0000-0000-0000-00000000b001");
    private static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-0000000a11ce");
    private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-000000000b0b");
    private static final UUID CAROL = UUID.fromString("00000000-0000-0000-0000-0000000ca201");
    private static final UUID TEAM_A = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final UUID TEAM_B = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
    private static final UUID BILLING = UUID.fromString("00000000-0000-0000-0000-00000000b111");
    private static final UUID STANDARD = UUID.fromString("00000000-0000-0000-0000-0000005a1a00");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-09T12:00:00Z"), ZoneOffset.UTC);
    private static final ReportPeriod WEEK = new ReportPeriod(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-08"), BERLIN);

    private static TestDatabase database;
    private static Connection connection;
    private static TicketAnalytics acme;
    private static final UUID[] T = new UUID[10];

    @BeforeAll
    static void aWeekOfTickets() throws Exception {
        database = TestDatabase.create();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        SchemaMigrator.migrate(dataSource);
        connection = database.connect();
        try (Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO workspaces (id, name, slug, time_zone) VALUES ('%s', 'Acme', 'acme', 'Europe/Berlin'), ('%s', 'Globex', 'globex', 'UTC')"
                    .formatted(ACME, GLOBEX));
            sql.execute(("INSERT INTO users (id, workspace_id, email, name, role, password_hash) VALUES ('%s', '%s', 'alice@acme.test', 'Alice', 'AGENT', 'x'),"
                    + " ('%s', '%s', 'bob@acme.test', 'Bob', 'AGENT', 'x'), ('%s', '%s', 'carol@acme.test', 'Carol', 'AGENT', 'x')")
                    .formatted(ALICE, ACME, BOB, ACME, CAROL, ACME));
            sql.execute("INSERT INTO teams (id, workspace_id, name) VALUES ('%s', '%s', 'Team A'), ('%s', '%s', 'Team B')".formatted(TEAM_A, ACME, TEAM_B, ACME));
            sql.execute("INSERT INTO ticket_categories (id, workspace_id, name, color) VALUES ('%s', '%s', 'Billing', '#112233')".formatted(BILLING, ACME));
        }
        UUID customer = contact(ACME);
        // number, created, channel, priority, status, team, agent, category, first response, resolved, SLA first response due, SLA resolution due
        T[1] = ticket(ACME, 1, "2026-03-01T23:30:00Z", "email", "HIGH", "RESOLVED", TEAM_A, ALICE, BILLING, "2026-03-02T00:30:00Z",
                "2026-03-02T03:30:00Z", "2026-03-02T01:00:00Z", "2026-03-02T03:00:00Z", customer);
        T[2] = ticket(ACME, 2, "2026-03-03T10:00:00Z", "whatsapp", "LOW", "RESOLVED", TEAM_A, BOB, null, "2026-03-03T10:30:00Z",
                "2026-03-04T10:00:00Z", "2026-03-03T11:00:00Z", "2026-03-05T10:00:00Z", customer);
        T[3] = ticket(ACME, 3, "2026-03-04T12:00:00Z", "email", "URGENT", "OPEN", TEAM_B, ALICE, BILLING, null, null, "2026-03-04T13:00:00Z", null,
                customer);
        T[4] = ticket(ACME, 4, "2026-03-08T23:30:00Z", "email", "MEDIUM", "OPEN", null, BOB, null, null, null, null, null, customer);
        T[5] = ticket(ACME, 5, "2026-02-20T09:00:00Z", "portal", "MEDIUM", "CLOSED", TEAM_A, ALICE, null, "2026-02-20T10:00:00Z",
                "2026-03-05T09:00:00Z", null, null, customer);
        T[6] = ticket(ACME, 6, "2026-03-03T09:00:00Z", "email", "LOW", "CLOSED", TEAM_A, BOB, null, null, null, null, null, customer);
        T[7] = ticket(ACME, 7, "2026-03-05T08:00:00Z", "email", "MEDIUM", "NEW", null, null, null, null, null, "2026-03-10T08:00:00Z", null, customer);
        T[8] = ticket(ACME, 8, "2026-03-06T10:00:00Z", "email", "MEDIUM", "RESOLVED", null, BOB, null, null, "2026-03-08T23:30:00Z", null, null,
                customer);
        T[9] = ticket(GLOBEX, 1, "2026-03-04T12:00:00Z", "email", "URGENT", "OPEN", null, null, null, null, null, null, null, contact(GLOBEX));
        try (Statement sql = connection.createStatement()) {
            sql.execute("UPDATE tickets SET merged_into_id = '%s' WHERE id = '%s'".formatted(T[2], T[6]));
            sql.execute("INSERT INTO ticket_tags (ticket_id, tag) VALUES ('%s', 'vip'), ('%s', 'vip'), ('%s', 'refund')".formatted(T[1], T[3], T[3]));
        }
        try (Statement sql = connection.createStatement()) {
            // one policy over 1, 2, 3 and 7; 7 runs late enough to be at risk (by its first response)
            sql.execute("INSERT INTO sla_policies (id, workspace_id, name, first_response_minutes, next_response_minutes, resolution_minutes) "
                    + "VALUES ('%s', '%s', 'Standard', 60, 120, 1440)".formatted(STANDARD, ACME));
            sql.execute("UPDATE tickets SET sla_policy_id = '%s' WHERE id IN ('%s', '%s', '%s', '%s')".formatted(STANDARD, T[1], T[2], T[3], T[7]));
            sql.execute("UPDATE tickets SET sla_state = 'at_risk', sla_due_at = sla_first_response_due_at WHERE id = '%s'".formatted(T[7]));
        }
        slaBreach(ACME, T[3], "first_response", "2026-03-04T13:00:00Z");
        slaBreach(ACME, T[1], "resolution", "2026-03-02T03:00:00Z");
        slaBreach(GLOBEX, T[9], "first_response", "2026-03-04T13:00:00Z");
        event(ACME, T[2], "reopened", "2026-03-03T20:00:00Z");
        event(ACME, T[4], "reopened", "2026-03-09T10:00:00Z");
        event(GLOBEX, T[9], "reopened", "2026-03-04T13:00:00Z");
        rating(ACME, T[1], 5, "Quick and kind", "2026-03-02T05:00:00Z");
        rating(ACME, T[2], 2, "Slow", "2026-03-04T12:00:00Z");
        rating(ACME, T[5], 4, null, "2026-03-07T10:00:00Z");
        rating(ACME, T[8], 1, "Late", "2026-03-08T23:45:00Z");
        rating(GLOBEX, T[9], 1, "Globex's", "2026-03-04T12:30:00Z");
        acme = new TicketAnalytics(connection, ACME, NOW);
    }

    @AfterAll
    static void drop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theOverviewCountsTheWorkspacesWeekInItsOwnTimeZone() throws Exception {
        TicketAnalytics.Overview overview = acme.overview(WEEK, ReportFilter.none());
        assertThat(overview.created()).as("1, 2, 3, 7 and 8: not 4 (Monday after, in Berlin), 5 (February) or 6 (merged)").isEqualTo(5);
        assertThat(overview.solved()).as("1, 2 and 5: not 8 (solved on Monday after, in Berlin)").isEqualTo(3);
        assertThat(overview.backlogChange()).isEqualTo(2);
        assertThat(overview.openNow()).as("3, 4 and 7 are still being worked").isEqualTo(3);
        assertThat(overview.reopened()).as("2 in the week; 4's reopening is next week's").isEqualTo(1);
        assertThat(overview.firstResponse()).isEqualTo(new TicketAnalytics.Durations(2, 2700.0, 3420.0));
        assertThat(overview.resolution()).isEqualTo(new TicketAnalytics.Durations(3, 86400.0, 915840.0));
        assertThat(overview.sla()).as("first responses: 1 and 2 in time, 3 unanswered past due (7's is not due yet); resolutions: 2 in time, 1 late")
                .isEqualTo(new TicketAnalytics.SlaFigures(2, 1, 1, 1));
        assertThat(overview.sla().compliancePercent()).isEqualTo(60.0);
        assertThat(overview.csat()).as("5, 2 and 4 in the week; the 1 was given on Monday after, in Berlin")
                .isEqualTo(new TicketAnalytics.CsatFigures(3, 2, 66.7));
    }

    @Test
    void theSlaInDetailIsPerPolicyAndTargetWithTheBreachesByTargetAndPriority() throws Exception {
        TicketAnalytics.SlaDetail detail = acme.slaDetail(WEEK, ReportFilter.none());
        assertThat(detail.policies()).hasSize(1);
        TicketAnalytics.SlaPolicyFigures standard = detail.policies().get(0);
        assertThat(standard.policyId()).isEqualTo(STANDARD);
        assertThat(standard.name()).isEqualTo("Standard");
        assertThat(standard.tickets()).as("1, 2, 3 and 7").isEqualTo(4);
        assertThat(standard.targets()).containsExactly(
                // 1 and 2 answered in time, 3 never and past due, 7 not yet and due tomorrow (at risk)
                new TicketAnalytics.SlaTarget("first_response", 2, 1, 1, 1),
                // 2 solved in time, 1 solved late; 3 and 7 have no resolution target running
                new TicketAnalytics.SlaTarget("resolution", 1, 1, 0, 0));
        assertThat(standard.targets().get(0).compliancePercent()).isEqualTo(66.7);
        assertThat(standard.targets().get(1).compliancePercent()).isEqualTo(50.0);
        assertThat(detail.breachesByTarget()).as("Globex's breach counts nowhere").containsExactlyInAnyOrder(
                new TicketAnalytics.Share("first_response", "first response", 1), new TicketAnalytics.Share("resolution", "resolution", 1));
        assertThat(detail.breachesByPriority()).containsExactlyInAnyOrder(new TicketAnalytics.Share("urgent", "Urgent", 1),
                new TicketAnalytics.Share("high", "High", 1));
        TicketAnalytics.SlaDetail teamB = acme.slaDetail(WEEK, ReportFilter.of(TEAM_B.toString(), null, null, null, null, null));
        assertThat(teamB.policies().get(0).targets().get(0)).as("only 3 is Team B's").isEqualTo(new TicketAnalytics.SlaTarget("first_response", 0, 1, 0, 0));
        assertThat(teamB.breachesByTarget()).containsExactly(new TicketAnalytics.Share("first_response", "first response", 1));
    }

    @Test
    void whatsAppTrafficIsCountedPerNumberWithTheWindowsThatClosedAndTheReceipts() throws Exception {
        UUID sales = account(ACME, "whatsapp", "Sales +49");
        UUID support = account(ACME, "whatsapp", "Support +1");
        UUID mailbox = account(ACME, "email", "Mailbox");
        UUID globex = account(GLOBEX, "whatsapp", "Globex number");
        message(ACME, T[1], sales, "CUSTOMER", null, "2026-03-03T10:00:00Z");
        message(ACME, T[1], sales, "CUSTOMER", null, "2026-03-04T10:00:00Z");
        message(ACME, T[1], sales, "CUSTOMER", null, "2026-02-28T10:00:00Z"); // the week before
        message(ACME, T[7], support, "CUSTOMER", null, "2026-03-05T09:00:00Z");
        message(ACME, T[2], mailbox, "CUSTOMER", null, "2026-03-05T09:00:00Z"); // email
        message(ACME, T[1], sales, "AGENT", "order_update", "2026-03-06T12:00:00Z");
        message(GLOBEX, T[9], globex, "CUSTOMER", null, "2026-03-04T12:00:00Z");
        reply(ACME, T[1], sales, "sent", null, "2026-03-03T11:00:00Z");
        reply(ACME, T[1], sales, "dead", "the conversation window closed (24 hours after the customer's last message)", "2026-03-04T11:00:00Z");
        reply(ACME, T[1], sales, "dead", "the provider refused the message", "2026-03-05T11:00:00Z");
        reply(ACME, T[1], sales, "pending", null, "2026-03-08T22:00:00Z"); // Sunday 23:00 in Berlin
        reply(ACME, T[7], support, "sent", null, "2026-03-06T11:00:00Z");
        reply(ACME, T[7], support, "sent", null, "2026-03-09T00:00:00Z"); // Monday after, in Berlin
        reply(ACME, T[2], mailbox, "sent", null, "2026-03-06T11:00:00Z");
        reply(GLOBEX, T[9], globex, "dead", "the conversation window closed", "2026-03-04T11:00:00Z");
        receipt(ACME, T[1], sales, "ext-1", "read", "2026-03-03T12:00:00Z");
        receipt(ACME, T[1], sales, "ext-2", "delivered", "2026-03-04T12:00:00Z");
        receipt(ACME, T[1], sales, "ext-3", "failed", "2026-03-05T12:00:00Z");
        receipt(ACME, T[7], support, "ext-4", "read", "2026-03-10T12:00:00Z");
        receipt(GLOBEX, T[9], globex, "ext-5", "read", "2026-03-04T12:00:00Z");

        TicketAnalytics.Messaging whatsApp = acme.whatsApp(WEEK);
        assertThat(whatsApp.inbound()).as("2 to Sales and 1 to Support in the week; email and Globex's do not count").isEqualTo(3);
        assertThat(whatsApp.outbound()).as("4 through Sales, 1 through Support").isEqualTo(5);
        assertThat(whatsApp.sent()).isEqualTo(2);
        assertThat(whatsApp.failed()).isEqualTo(2);
        assertThat(whatsApp.windowClosed()).isEqualTo(1);
        assertThat(whatsApp.pending()).isEqualTo(1);
        assertThat(whatsApp.templates()).isEqualTo(1);
        assertThat(List.of(whatsApp.delivered(), whatsApp.read(), whatsApp.receiptFailures())).containsExactly(1L, 1L, 1L);
        assertThat(whatsApp.accounts()).containsExactly(new TicketAnalytics.MessagingAccount(sales, "Sales +49", 2, 4, 1, 2, 1),
                new TicketAnalytics.MessagingAccount(support, "Support +1", 1, 1, 0, 0, 0));

        // Carol, in no team of a workspace restricted to teams, may open 7 (no team) but not 1 (Team A's):
        // only 7's message and reply count for her, and none of the receipts (all of 1's replies)
        TicketAnalytics.Messaging carols = acme.whatsApp(WEEK, ReportFilter.none().visibleTo(CAROL));
        assertThat(List.of(carols.inbound(), carols.outbound(), carols.sent(), carols.failed(), carols.windowClosed(), carols.pending(), carols.templates()))
                .containsExactly(1L, 1L, 1L, 0L, 0L, 0L, 0L);
        assertThat(List.of(carols.delivered(), carols.read(), carols.receiptFailures())).containsExactly(0L, 0L, 0L);
        assertThat(carols.accounts()).containsExactly(new TicketAnalytics.MessagingAccount(sales, "Sales +49", 0, 0, 0, 0, 0),
                new TicketAnalytics.MessagingAccount(support, "Support +1", 1, 1, 0, 0, 0));
        // Alice, in Team A, sees 1 as well
        TicketAnalytics.Messaging alices = acme.whatsApp(WEEK, ReportFilter.none().visibleTo(ALICE));
        assertThat(List.of(alices.inbound(), alices.outbound(), alices.delivered(), alices.read(), alices.receiptFailures()))
                .containsExactly(3L, 5L, 1L, 1L, 1L);
    }

    @Test
    void someoneRestrictedToTheirTeamsCountsOnlyTheTicketsTheyMaySee() throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO team_members (team_id, user_id) VALUES ('%s', '%s') ON CONFLICT DO NOTHING".formatted(TEAM_B, BOB));
        }
        // Bob: 2 (assigned to him), 3 (Team B's, his team), 7 and 8 (no team); not 1 (Team A's, Alice's)
        assertThat(acme.overview(WEEK, ReportFilter.none().visibleTo(BOB)).created()).isEqualTo(4);
        // Carol is in no team: only the tickets without one
        assertThat(acme.overview(WEEK, ReportFilter.none().visibleTo(CAROL)).created()).isEqualTo(2);
        assertThat(acme.distribution(WEEK, ReportFilter.none().visibleTo(CAROL)).total()).isEqualTo(2);
    }

    @Test
    void everyFilterNarrowsEveryFigure() throws Exception {
        TicketAnalytics.Overview alice = acme.overview(WEEK, ReportFilter.none().ofAgent(ALICE));
        assertThat(List.of(alice.created(), alice.solved(), alice.openNow(), alice.reopened())).containsExactly(2L, 2L, 1L, 0L);
        assertThat(alice.csat().score()).isEqualTo(100.0);
        assertThat(acme.overview(WEEK, ReportFilter.of(null, null, null, null, null, "vip")).created()).isEqualTo(2);
        assertThat(acme.overview(WEEK, ReportFilter.of(null, null, null, null, null, "vip, refund")).created()).as("all the tags").isEqualTo(1);
        assertThat(acme.overview(WEEK, ReportFilter.of(null, null, null, "WhatsApp", null, null)).created()).isEqualTo(1);
        assertThat(acme.overview(WEEK, ReportFilter.of(null, null, null, null, "urgent", null)).created()).isEqualTo(1);
        assertThat(acme.overview(WEEK, ReportFilter.of(TEAM_A.toString(), null, null, null, null, null)).solved()).isEqualTo(3);
        assertThat(acme.overview(WEEK, ReportFilter.of(null, null, BILLING.toString(), null, null, null)).created()).isEqualTo(2);
        assertThat(acme.overview(WEEK, ReportFilter.of(null, null, UUID.randomUUID().toString(), null, null, null)).created()).isZero();
    }

    @Test
    void volumeIsPerBerlinDayOrIsoWeekWithEveryDayListed() throws Exception {
        TicketAnalytics.Volume days = acme.volume(WEEK, ReportFilter.none(), Granularity.DAY);
        assertThat(days.points()).extracting(TicketAnalytics.VolumePoint::created).containsExactly(1L, 1L, 1L, 1L, 1L, 0L, 0L);
        assertThat(days.points()).extracting(TicketAnalytics.VolumePoint::solved).containsExactly(1L, 0L, 1L, 1L, 0L, 0L, 0L);
        assertThat(days.points().get(0).start()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(days.points().get(1).createdByChannel()).isEqualTo(Map.of("whatsapp", 1L));
        TicketAnalytics.Volume weeks = acme.volume(new ReportPeriod(LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-10"), BERLIN),
                ReportFilter.none(), Granularity.WEEK);
        assertThat(weeks.points()).extracting(TicketAnalytics.VolumePoint::start).containsExactly(LocalDate.parse("2026-03-02"),
                LocalDate.parse("2026-03-09"));
        assertThat(weeks.points()).extracting(TicketAnalytics.VolumePoint::created).as("3, 7, 8 from Wednesday on; then 4").containsExactly(3L, 1L);
    }

    @Test
    void distributionAndPeakHoursSliceTheWeeksArrivals() throws Exception {
        TicketAnalytics.Distribution shares = acme.distribution(WEEK, ReportFilter.none());
        assertThat(shares.total()).isEqualTo(5);
        assertThat(shares.status()).extracting(Share::key, Share::count).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("resolved", 3L), org.assertj.core.groups.Tuple.tuple("open", 1L),
                org.assertj.core.groups.Tuple.tuple("new", 1L));
        assertThat(shares.priority()).extracting(Share::key, Share::count).contains(org.assertj.core.groups.Tuple.tuple("medium", 2L));
        assertThat(shares.category()).extracting(Share::label, Share::count).containsExactly(org.assertj.core.groups.Tuple.tuple("No category", 3L),
                org.assertj.core.groups.Tuple.tuple("Billing", 2L));
        assertThat(shares.channel()).extracting(Share::key, Share::count).containsExactly(org.assertj.core.groups.Tuple.tuple("email", 4L),
                org.assertj.core.groups.Tuple.tuple("whatsapp", 1L));
        assertThat(shares.team()).extracting(Share::label, Share::count).containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Team A", 2L),
                org.assertj.core.groups.Tuple.tuple("No team", 2L), org.assertj.core.groups.Tuple.tuple("Team B", 1L));

        long[][] arrivals = acme.peakHours(WEEK, ReportFilter.none()).arrivals();
        assertThat(arrivals[0][0]).as("Monday 00:30 in Berlin").isEqualTo(1);
        assertThat(arrivals[1][11]).as("Tuesday 11:00").isEqualTo(1);
        assertThat(arrivals[2][13]).isEqualTo(1);
        assertThat(arrivals[3][9]).isEqualTo(1);
        assertThat(arrivals[4][11]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(arrivals).flatMapToLong(java.util.Arrays::stream).sum()).isEqualTo(5);
    }

    @Test
    void eachAgentHasTheirOwnFiguresTheMostSolvedFirst() throws Exception {
        List<AgentFigures> agents = acme.agents(WEEK, ReportFilter.none());
        assertThat(agents).extracting(AgentFigures::name).containsExactly("Alice", "Bob", "Carol");
        AgentFigures alice = agents.get(0);
        assertThat(List.of(alice.assigned(), alice.solved(), alice.reopened())).containsExactly(2L, 2L, 0L);
        assertThat(alice.firstResponse()).isEqualTo(new TicketAnalytics.Durations(1, 3600.0, 3600.0));
        assertThat(alice.resolution().medianSeconds()).isEqualTo(568800.0);
        assertThat(alice.csat()).isEqualTo(new TicketAnalytics.CsatFigures(2, 2, 100.0));
        AgentFigures bob = agents.get(1);
        assertThat(List.of(bob.assigned(), bob.solved(), bob.reopened())).containsExactly(2L, 1L, 1L);
        assertThat(bob.reopenRate()).isEqualTo(100.0);
        assertThat(bob.csat().score()).isEqualTo(0.0);
        assertThat(agents.get(2).solved()).isZero();
        assertThat(agents.get(2).csat().score()).as("no ratings, no score").isNull();
        assertThat(acme.agents(WEEK, ReportFilter.none().ofAgent(BOB))).extracting(AgentFigures::name).containsExactly("Bob");
        try (Statement sql = connection.createStatement()) {
            sql.execute("UPDATE users SET active = false WHERE id IN ('%s', '%s')".formatted(BOB, CAROL));
            assertThat(acme.agents(WEEK, ReportFilter.none())).as("a deactivated agent with figures keeps them under their name; without, is left out")
                    .extracting(AgentFigures::name, AgentFigures::solved)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Alice", 2L), org.assertj.core.groups.Tuple.tuple("Bob", 1L));
        } finally {
            try (Statement sql = connection.createStatement()) {
                sql.execute("UPDATE users SET active = true WHERE id IN ('%s', '%s')".formatted(BOB, CAROL));
            }
        }
    }

    @Test
    void csatHasItsScoresTrendAndLatestComments() throws Exception {
        TicketAnalytics.CsatDetail csat = acme.csat(WEEK, ReportFilter.none(), Granularity.DAY, 10);
        assertThat(csat.perScore()).containsExactly(0, 1, 0, 1, 1);
        assertThat(csat.total().score()).isEqualTo(66.7);
        assertThat(csat.comments()).extracting(TicketAnalytics.CsatComment::comment).containsExactly("Slow", "Quick and kind");
        assertThat(csat.comments().get(0).ticketNumber()).isEqualTo(2);
        assertThat(csat.trend()).extracting(TicketAnalytics.CsatPoint::responses).containsExactly(1L, 0L, 1L, 0L, 0L, 1L, 0L);
        assertThat(csat.trend().get(2).score()).isEqualTo(0.0);
        assertThat(csat.trend().get(1).score()).isNull();
    }

    @Test
    void theExportListsTheWeeksTicketsInBerlinTimeWithFormulasDefused() throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute("UPDATE tickets SET subject = '=HYPERLINK(\"http://evil.test\",\"Click\")' WHERE id = '%s'".formatted(T[7]));
            sql.execute("UPDATE tickets SET subject = 'Line one, \"quoted\"' WHERE id = '%s'".formatted(T[1]));
        }
        try {
            java.io.StringWriter out = new java.io.StringWriter();
            long rows;
            try (CsvRows csv = new CsvRows(out, TicketAnalytics.EXPORT_COLUMNS)) {
                rows = acme.exportTickets(WEEK, ReportFilter.none(), csv);
            }
            assertThat(rows).isEqualTo(5);
            List<String> lines = out.toString().lines().toList();
            assertThat(lines.get(0)).startsWith("number,subject,status,priority,channel,category,team,assignee,created_at");
            assertThat(lines).hasSize(6);
            assertThat(lines.get(1)).as("Monday 00:30 in Berlin, quoted as RFC 4180 says")
                    .isEqualTo("1,\"Line one, \"\"quoted\"\"\",resolved,high,email,Billing,Team A,Alice,2026-03-02T00:30:00,2026-03-02T01:30:00,"
                            + "2026-03-02T04:30:00,3600,14400,");
            assertThat(lines.get(4)).as("a subject a spreadsheet would run").startsWith("7,\"'=HYPERLINK(");
            assertThat(lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(',')))).containsExactly("1", "2", "3", "7", "8");
            java.io.StringWriter alice = new java.io.StringWriter();
            try (CsvRows csv = new CsvRows(alice, TicketAnalytics.EXPORT_COLUMNS)) {
                assertThat(acme.exportTickets(WEEK, ReportFilter.none().ofAgent(ALICE), csv)).isEqualTo(2);
            }
        } finally {
            try (Statement sql = connection.createStatement()) {
                sql.execute("UPDATE tickets SET subject = 'Subject' WHERE id IN ('%s', '%s')".formatted(T[7], T[1]));
            }
        }
    }

    @Test
    void everyReportExportsTheFiguresItShows() throws Exception {
        java.util.Map<ExportReport, List<String>> files = new java.util.EnumMap<>(ExportReport.class);
        for (ExportReport report : ExportReport.values()) {
            java.io.StringWriter out = new java.io.StringWriter();
            try (CsvRows csv = new CsvRows(out, report.columns())) {
                report.write(acme, WEEK, ReportFilter.none(), csv);
            }
            files.put(report, out.toString().lines().toList());
            assertThat(files.get(report).get(0)).as(report + ": the header").isEqualTo(String.join(",", report.columns()));
        }
        List<TicketAnalytics.AgentFigures> agents = acme.agents(WEEK, ReportFilter.none());
        assertThat(files.get(ExportReport.AGENTS)).hasSize(1 + agents.size());
        assertThat(files.get(ExportReport.AGENTS).get(1)).startsWith(agents.get(0).name() + "," + agents.get(0).assigned() + "," + agents.get(0).solved() + ",");
        assertThat(files.get(ExportReport.VOLUME)).as("a row per day of the week").hasSize(8);
        assertThat(files.get(ExportReport.VOLUME).get(1)).startsWith("2026-03-02,");
        TicketAnalytics.Distribution distribution = acme.distribution(WEEK, ReportFilter.none());
        assertThat(files.get(ExportReport.DISTRIBUTION).stream().skip(1).filter(l -> l.startsWith("status,"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum()).isEqualTo(distribution.total());
        long[][] arrivals = acme.peakHours(WEEK, ReportFilter.none()).arrivals();
        assertThat(files.get(ExportReport.PEAK_HOURS)).hasSize(8);
        assertThat(List.of(files.get(ExportReport.PEAK_HOURS).get(1).split(","))).hasSize(25).first().isEqualTo("Monday");
        assertThat(files.get(ExportReport.PEAK_HOURS).stream().skip(1).flatMap(l -> java.util.Arrays.stream(l.split(",")).skip(1))
                .mapToLong(Long::parseLong).sum()).isEqualTo(java.util.Arrays.stream(arrivals).flatMapToLong(java.util.Arrays::stream).sum());
        assertThat(files.get(ExportReport.CSAT)).hasSize(8);
        TicketAnalytics.SlaDetail sla = acme.slaDetail(WEEK, ReportFilter.none());
        assertThat(files.get(ExportReport.SLA)).hasSize(1 + 2 * sla.policies().size());
        TicketAnalytics.SlaTarget first = sla.policies().get(0).targets().get(0);
        assertThat(files.get(ExportReport.SLA).get(1)).startsWith(sla.policies().get(0).name() + ",first_response," + sla.policies().get(0).tickets() + ","
                + first.met() + "," + first.breached() + ",");
    }

    @Test
    void theSolvedTicketsReadBesideOnASecondConnectionGiveTheSameFigures() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection second = database.connect()) {
            TicketAnalytics twoAtOnce = new TicketAnalytics(connection, ACME, NOW, new TicketAnalytics.Beside() {
                @Override
                public <T> java.util.concurrent.CompletableFuture<T> start(TicketAnalytics.SideRead<T> read) {
                    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return read.read(new TicketAnalytics(second, ACME, NOW));
                        } catch (java.sql.SQLException e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    }, pool);
                }
            });
            ReportFilter teamA = ReportFilter.of(TEAM_A.toString(), null, null, null, null, null);
            for (ReportFilter filter : List.of(ReportFilter.none(), teamA)) {
                assertThat(twoAtOnce.overview(WEEK, filter)).isEqualTo(acme.overview(WEEK, filter));
                assertThat(twoAtOnce.agents(WEEK, filter)).isEqualTo(acme.agents(WEEK, filter));
                assertThat(twoAtOnce.volume(WEEK, filter, Granularity.WEEK)).isEqualTo(acme.volume(WEEK, filter, Granularity.WEEK));
            }
            TicketAnalytics failing = new TicketAnalytics(connection, ACME, NOW, new TicketAnalytics.Beside() {
                @Override
                public <T> java.util.concurrent.CompletableFuture<T> start(TicketAnalytics.SideRead<T> read) {
                    return java.util.concurrent.CompletableFuture.failedFuture(new java.sql.SQLException("the second connection broke"));
                }
            });
            assertThatThrownBy(() -> failing.overview(WEEK, ReportFilter.none())).as("the report fails as its own statement would")
                    .isInstanceOf(java.sql.SQLException.class).hasMessage("the second connection broke");
            TicketAnalytics noRoom = new TicketAnalytics(connection, ACME, NOW, new TicketAnalytics.Beside() {
                @Override
                public <T> java.util.concurrent.CompletableFuture<T> start(TicketAnalytics.SideRead<T> read) {
                    return null;
                }
            });
            assertThat(noRoom.agents(WEEK, ReportFilter.none())).as("no second connection free: all on the first").isEqualTo(acme.agents(WEEK, ReportFilter.none()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void timeTheTicketWaitedOnTheCustomerDoesNotCountAgainstItsResolutionTarget() throws Exception {
        // two tickets of a quiet April week, each solved six hours after it came in, against a four-hour resolution target;
        // the first waited three hours on the customer, so the SLA clock paused and its due time moved on by those three hours
        Instant created = Instant.parse("2026-04-07T08:00:00Z");
        Instant resolved = created.plus(java.time.Duration.ofHours(6));
        Map<org.relaydesk.api.ticket.TicketPriority, org.relaydesk.core.sla.SlaTargets> targets = new java.util.EnumMap<>(
                org.relaydesk.api.ticket.TicketPriority.class);
        for (org.relaydesk.api.ticket.TicketPriority priority : org.relaydesk.api.ticket.TicketPriority.values()) {
            targets.put(priority, org.relaydesk.core.sla.SlaTargets.hours(1, 2, 4));
        }
        org.relaydesk.core.sla.SlaClock.Terms terms = new org.relaydesk.core.sla.SlaClock.Terms(targets,
                org.relaydesk.core.sla.BusinessCalendar.always(), 0.75);
        Instant waitedDue = resolutionDue(List.of(new org.relaydesk.core.sla.SlaFact.Created(created, org.relaydesk.api.ticket.TicketPriority.HIGH,
                org.relaydesk.api.ticket.TicketStatus.NEW), new org.relaydesk.core.sla.SlaFact.AgentReplied(created.plusSeconds(1800)),
                new org.relaydesk.core.sla.SlaFact.StatusChanged(created.plusSeconds(3600), org.relaydesk.api.ticket.TicketStatus.WAITING_ON_CUSTOMER),
                new org.relaydesk.core.sla.SlaFact.StatusChanged(created.plusSeconds(4 * 3600), org.relaydesk.api.ticket.TicketStatus.OPEN),
                new org.relaydesk.core.sla.SlaFact.StatusChanged(resolved, org.relaydesk.api.ticket.TicketStatus.RESOLVED)), terms, resolved);
        Instant straightDue = resolutionDue(List.of(new org.relaydesk.core.sla.SlaFact.Created(created, org.relaydesk.api.ticket.TicketPriority.HIGH,
                org.relaydesk.api.ticket.TicketStatus.NEW), new org.relaydesk.core.sla.SlaFact.AgentReplied(created.plusSeconds(1800)),
                new org.relaydesk.core.sla.SlaFact.StatusChanged(resolved, org.relaydesk.api.ticket.TicketStatus.RESOLVED)), terms, resolved);
        assertThat(waitedDue).as("four hours of running time, three of them paused").isEqualTo(created.plus(java.time.Duration.ofHours(7)));
        assertThat(straightDue).isEqualTo(created.plus(java.time.Duration.ofHours(4)));
        UUID customer = contact(ACME);
        for (Object[] ticket : List.of(new Object[] {101L, waitedDue}, new Object[] {102L, straightDue})) {
            ticket(ACME, (Long) ticket[0], created.toString(), "email", "HIGH", "RESOLVED", TEAM_A, ALICE, null, created.plusSeconds(1800).toString(),
                    resolved.toString(), created.plusSeconds(3600).toString(), ticket[1].toString(), customer);
        }
        ReportPeriod april = new ReportPeriod(LocalDate.parse("2026-04-06"), LocalDate.parse("2026-04-12"), ZoneOffset.UTC);
        TicketAnalytics.Overview week = acme.overview(april, ReportFilter.none());
        assertThat(week.solved()).isEqualTo(2);
        assertThat(week.resolution().medianSeconds()).as("resolution times are the clock's, pause or not").isEqualTo(6 * 3600.0);
        assertThat(week.sla().resolutionMet()).as("solved within its paused clock").isEqualTo(1);
        assertThat(week.sla().resolutionBreached()).as("the same six hours without a pause").isEqualTo(1);
        assertThat(week.sla().firstResponseMet()).isEqualTo(2);
    }

    private static Instant resolutionDue(List<org.relaydesk.core.sla.SlaFact> history, org.relaydesk.core.sla.SlaClock.Terms terms, Instant now) {
        return org.relaydesk.core.sla.SlaClock.evaluate(history, terms, now).resolution().dueAt();
    }

    @Test
    void anotherWorkspaceSeesOnlyItsOwn() throws Exception {
        TicketAnalytics globex = new TicketAnalytics(connection, GLOBEX, NOW);
        ReportPeriod week = new ReportPeriod(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-08"), ZoneOffset.UTC);
        TicketAnalytics.Overview overview = globex.overview(week, ReportFilter.none());
        assertThat(List.of(overview.created(), overview.solved(), overview.openNow(), overview.reopened(), overview.csat().responses()))
                .containsExactly(1L, 0L, 1L, 1L, 1L);
        assertThat(globex.agents(week, ReportFilter.none())).isEmpty();
        assertThat(globex.csat(week, ReportFilter.none(), Granularity.WEEK, 10).comments()).extracting(TicketAnalytics.CsatComment::comment)
                .containsExactly("Globex's");
        assertThat(globex.overview(week, ReportFilter.none().ofAgent(ALICE)).created()).as("Acme's agent has nothing here").isZero();
    }

    @Test
    void badPeriodsAndFiltersAreRefusedByName() {
        assertThatThrownBy(() -> ReportPeriod.of("2026-03-09", "2026-03-01", BERLIN, NOW)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKey("from"));
        assertThatThrownBy(() -> ReportPeriod.of("2020-01-01", "2026-03-01", BERLIN, NOW)).as("over two years").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ReportPeriod.of("yesterday", "2026-13-01", BERLIN, NOW)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKeys("from", "to"));
        assertThatThrownBy(() -> ReportFilter.of("x", "' OR 1=1 --", null, "e mail", "soon", null)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKeys("team", "agent", "channel", "priority"));
        assertThatThrownBy(() -> ReportFilter.of(null, null, null, null, null, "a,b,c,d,e,f,g,h,i,j,k")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Granularity.of("hour")).isInstanceOf(InvalidInputException.class);
        ReportPeriod defaults = ReportPeriod.of(null, null, BERLIN, NOW);
        assertThat(defaults.to()).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(defaults.days()).isEqualTo(30);
        ReportPeriod springForward = new ReportPeriod(LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-29"), BERLIN);
        assertThat(java.time.Duration.between(springForward.start(), springForward.end())).as("the day the clocks go forward").hasHours(23);
    }

    private static UUID contact(UUID workspace) throws Exception {
        UUID id = UUID.randomUUID();
        try (Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO contacts (id, workspace_id, name) VALUES ('%s', '%s', 'Casey Customer')".formatted(id, workspace));
        }
        return id;
    }

    private static UUID ticket(UUID workspace, long number, String created, String channel, String priority, String status, UUID team, UUID agent,
            UUID category, String firstResponse, String resolved, String firstResponseDue, String resolutionDue, UUID requester) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tickets (id, workspace_id, number, subject, status, priority, "
                + "priority_rank, type, requester_id, source_channel, team_id, assignee_id, category_id, first_response_at, resolved_at, "
                + "sla_first_response_due_at, sla_resolution_due_at, created_at, updated_at, closed_at) VALUES (?, ?, ?, 'Subject', ?, ?, 3, 'QUESTION', ?, ?, "
                + "?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz)")) {
            insert.setObject(1, id);
            insert.setObject(2, workspace);
            insert.setLong(3, number);
            insert.setString(4, status);
            insert.setString(5, priority);
            insert.setObject(6, requester);
            insert.setString(7, channel);
            insert.setObject(8, team);
            insert.setObject(9, agent);
            insert.setObject(10, category);
            insert.setString(11, firstResponse);
            insert.setString(12, resolved);
            insert.setString(13, firstResponseDue);
            insert.setString(14, resolutionDue);
            insert.setString(15, created);
            insert.setString(16, created);
            insert.setString(17, status.equals("CLOSED") ? "2026-03-06T00:00:00Z" : null);
            insert.executeUpdate();
        }
        return id;
    }

    private static void event(UUID workspace, UUID ticket, String action, String at) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ticket_events (id, workspace_id, ticket_id, action, actor_type, actor_name, "
                + "created_at) VALUES (?, ?, ?, ?, 'USER', 'Someone', ?::timestamptz)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, workspace);
            insert.setObject(3, ticket);
            insert.setString(4, action);
            insert.setString(5, at);
            insert.executeUpdate();
        }
    }

    private static UUID account(UUID workspace, String kind, String name) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO channel_accounts (id, workspace_id, kind, name, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, now(), now())")) {
            insert.setObject(1, id);
            insert.setObject(2, workspace);
            insert.setString(3, kind);
            insert.setString(4, name);
            insert.executeUpdate();
        }
        return id;
    }

    private static void message(UUID workspace, UUID ticket, UUID account, String author, String template, String at) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (id, workspace_id, ticket_id, kind, author_type, author_name, "
                + "body_html, body_text, created_at, source_account_id, template_name) VALUES (?, ?, ?, 'REPLY', ?, 'Someone', 'x', 'x', ?::timestamptz, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, workspace);
            insert.setObject(3, ticket);
            insert.setString(4, author);
            insert.setString(5, at);
            insert.setObject(6, account);
            insert.setString(7, template);
            insert.executeUpdate();
        }
    }

    private static void reply(UUID workspace, UUID ticket, UUID account, String status, String error, String at) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox (id, workspace_id, kind, payload, status, attempts, next_attempt_at, "
                + "last_error, created_at) VALUES (?, ?, 'channel.reply', ?::jsonb, ?, 1, ?::timestamptz, ?, ?::timestamptz)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, workspace);
            insert.setString(3, "{\"account_id\": \"" + account + "\", \"ticket_id\": \"" + ticket + "\"}");
            insert.setString(4, status);
            insert.setString(5, at);
            insert.setString(6, error);
            insert.setString(7, at);
            insert.executeUpdate();
        }
    }

    /** A receipt for a reply sent as {@code externalId} on {@code ticket} (as the deliverer records every part it sent). */
    private static void receipt(UUID workspace, UUID ticket, UUID account, String externalId, String status, String at) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO message_references (workspace_id, external_id, ticket_id) VALUES (?, ?, ?)")) {
            insert.setObject(1, workspace);
            insert.setString(2, externalId);
            insert.setObject(3, ticket);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO message_receipts (workspace_id, account_id, external_id, status, "
                + "received_at) VALUES (?, ?, ?, ?, ?::timestamptz)")) {
            insert.setObject(1, workspace);
            insert.setObject(2, account);
            insert.setString(3, externalId);
            insert.setString(4, status);
            insert.setString(5, at);
            insert.executeUpdate();
        }
    }

    private static void slaBreach(UUID workspace, UUID ticket, String metric, String at) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ticket_events (id, workspace_id, ticket_id, action, field, after_value, "
                + "actor_type, actor_name, created_at) VALUES (?, ?, ?, 'sla_breached', 'sla', ?, 'system', 'SLA', ?::timestamptz)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, workspace);
            insert.setObject(3, ticket);
            insert.setString(4, metric);
            insert.setString(5, at);
            insert.executeUpdate();
        }
    }

    private static void rating(UUID workspace, UUID ticket, int rating, String comment, String at) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO satisfaction_ratings (id, workspace_id, ticket_id, rating, feedback, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?::timestamptz)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, workspace);
            insert.setObject(3, ticket);
            insert.setInt(4, rating);
            insert.setString(5, comment);
            insert.setString(6, at);
            insert.executeUpdate();
        }
    }
}
