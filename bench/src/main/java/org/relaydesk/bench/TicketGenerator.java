package org.relaydesk.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes one ticket at a time, with its rows for every table, in the mix a help desk that has run
 * for two years would hold: about a tenth of tickets still being worked (mostly recent ones), the
 * rest resolved or closed; 3 to 5 messages alternating between agent and customer after the
 * customer's request, which is the ticket's description.
 */
final class TicketGenerator {
    private static final Duration HISTORY = Duration.ofDays(730);
    private static final Duration ACTIVE_AGE = Duration.ofDays(60);
    private static final int ACTIVE_PERCENT = 10;
    private static final List<String> PRIORITY_ORDER = List.of("LOW", "MEDIUM", "HIGH", "URGENT", "CRITICAL");

    private static final Weighted<String> ACTIVE_STATUSES = new Weighted<String>().add("NEW", 20).add("OPEN", 35)
            .add("IN_PROGRESS", 20).add("WAITING_ON_CUSTOMER", 15).add("WAITING_ON_THIRD_PARTY", 10);
    private static final Weighted<String> FINISHED_STATUSES = new Weighted<String>().add("RESOLVED", 40).add("CLOSED", 60);
    private static final Weighted<String> PRIORITIES = new Weighted<String>().add("LOW", 30).add("MEDIUM", 40).add("HIGH", 18)
            .add("URGENT", 8).add("CRITICAL", 4);
    private static final Weighted<String> TYPES = new Weighted<String>().add("QUESTION", 50).add("INCIDENT", 25).add("PROBLEM", 10)
            .add("TASK", 15);
    private static final Weighted<String> CHANNELS = new Weighted<String>().add("email", 60).add("portal", 30).add("api", 10);

    private final WorkspaceFixture workspace;
    private final List<SeedContact> contacts;
    private final Instant now;
    private final SplittableRandom random;
    private final HelpDeskText text;
    private final TimeOrderedIds ids;
    private final boolean withConversation;

    /**
     * @param withConversation false writes only what creating a ticket through the API writes (the
     *                         ticket and its "created" event), for a like-for-like throughput limit
     */
    TicketGenerator(WorkspaceFixture workspace, List<SeedContact> contacts, Instant now, SplittableRandom random,
                    boolean withConversation) {
        if (contacts.isEmpty()) {
            throw new IllegalArgumentException("tickets need at least one contact as requester");
        }
        this.workspace = workspace;
        this.contacts = contacts;
        this.now = now;
        this.random = random;
        this.text = new HelpDeskText(random);
        this.ids = new TimeOrderedIds(random);
        this.withConversation = withConversation;
    }

    void generate(long number, SeedBatch batch) {
        UUID ticketId = ids.next();
        Issue issue = text.issue();
        Topic topic = issue.topic();
        SeedContact requester = contacts.get(random.nextInt(contacts.size()));
        boolean active = random.nextInt(100) < ACTIVE_PERCENT;
        String status = active ? ACTIVE_STATUSES.pick(random) : FINISHED_STATUSES.pick(random);
        String priority = PRIORITIES.pick(random);
        Agent assignee = assigneeFor(status);
        Instant createdAt = now.minusSeconds(random.nextLong(1, (active ? ACTIVE_AGE : HISTORY).toSeconds()));

        Instant lastActivity = createdAt;
        Instant firstResponse = null;
        if (withConversation) {
            int messages = 3 + random.nextInt(3);
            for (int i = 0; i < messages; i++) {
                boolean agentTurn = i % 2 == 0;
                if (agentTurn) {
                    lastActivity = later(lastActivity, Duration.ofMinutes(10), Duration.ofHours(8));
                    // Nobody has answered a NEW ticket yet, but colleagues may have left notes on it.
                    boolean note = status.equals("NEW") || random.nextInt(100) < 15;
                    addAgentMessage(batch, ticketId, topic, requester, assignee, note, lastActivity);
                    if (!note && firstResponse == null) {
                        firstResponse = lastActivity;
                    }
                } else {
                    lastActivity = later(lastActivity, Duration.ofMinutes(30), Duration.ofDays(2));
                    addCustomerMessage(batch, ticketId, topic, requester, lastActivity);
                }
            }
            addTags(batch, ticketId, topic);
        }
        Instant resolvedAt = status.equals("RESOLVED") || status.equals("CLOSED")
                ? later(lastActivity, Duration.ofMinutes(5), Duration.ofDays(1)) : null;
        Instant closedAt = status.equals("CLOSED") ? later(resolvedAt, Duration.ofDays(1), Duration.ofDays(7)) : null;
        Instant updatedAt = closedAt != null ? closedAt : resolvedAt != null ? resolvedAt : lastActivity;

        batch.add(Table.TICKETS, ticketId, workspace.id(), number, text.subject(issue), text.request(issue, requester.person()),
                status, priority, PRIORITY_ORDER.indexOf(priority) + 1, TYPES.pick(random), categoryId(), requester.id(),
                assignee == null ? null : assignee.id(), CHANNELS.pick(random), firstResponse, resolvedAt, closedAt, createdAt,
                updatedAt);
        batch.add(Table.TICKET_EVENTS, ids.next(), workspace.id(), ticketId, "created", "customer", requester.id(),
                requester.person().fullName(), createdAt);
    }

    private void addAgentMessage(SeedBatch batch, UUID ticketId, Topic topic, SeedContact requester, Agent assignee, boolean note,
                                 Instant at) {
        Agent author = assignee != null ? assignee : anyAgent();
        String authorName = author == null ? "Support team" : author.name();
        String body = note ? text.internalNote(topic) : text.agentReply(topic, requester.person(), authorName);
        batch.add(Table.MESSAGES, ids.next(), workspace.id(), ticketId, note ? "NOTE" : "REPLY", "AGENT",
                author == null ? null : author.id(), null, authorName, HelpDeskText.toHtml(body), body, at);
    }

    private void addCustomerMessage(SeedBatch batch, UUID ticketId, Topic topic, SeedContact requester, Instant at) {
        String body = text.customerReply(topic, requester.person());
        batch.add(Table.MESSAGES, ids.next(), workspace.id(), ticketId, "REPLY", "CUSTOMER", null, requester.id(),
                requester.person().fullName(), HelpDeskText.toHtml(body), body, at);
    }

    private void addTags(SeedBatch batch, UUID ticketId, Topic topic) {
        List<String> tags = topic.tags();
        int first = random.nextInt(tags.size() + 1);
        if (first < tags.size()) {
            batch.add(Table.TICKET_TAGS, ticketId, tags.get(first));
        }
        if (random.nextInt(10) == 0) {
            batch.add(Table.TICKET_TAGS, ticketId, "vip");
        }
    }

    /** Half of NEW tickets wait in the unassigned queue; nearly all others have an owner. */
    private Agent assigneeFor(String status) {
        int unassignedPercent = status.equals("NEW") ? 50 : 5;
        return random.nextInt(100) < unassignedPercent ? null : anyAgent();
    }

    private Agent anyAgent() {
        List<Agent> agents = workspace.agents();
        return agents.isEmpty() ? null : agents.get(random.nextInt(agents.size()));
    }

    private UUID categoryId() {
        List<UUID> categories = workspace.categoryIds();
        return categories.isEmpty() || random.nextInt(100) < 15 ? null : categories.get(random.nextInt(categories.size()));
    }

    /** A moment after {@code from}, never in the future (recent tickets' conversations are still going on). */
    private Instant later(Instant from, Duration min, Duration max) {
        Instant at = from.plusSeconds(random.nextLong(min.toSeconds(), max.toSeconds()));
        return at.isAfter(now) ? now : at;
    }
}
