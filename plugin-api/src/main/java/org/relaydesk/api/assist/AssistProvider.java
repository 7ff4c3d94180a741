package org.relaydesk.api.assist;

import java.util.List;
import java.util.UUID;

/**
 * The assistant's operations. Each is called on the guard's thread with a time limit; an answer the
 * provider cannot give is an empty result (or {@link Answer#unknown}), never an invented one. The
 * provider reads the workspace's articles and solved tickets through
 * {@link org.relaydesk.api.host.HostServices#knowledge()}.
 */
public interface AssistProvider {
    /**
     * Suggested category, priority, team, tags and language of a ticket, and the customer's mood,
     * each with a confidence in [0, 1]. Values are the workspace's own (the names its categories
     * and teams have), learnt from its history.
     */
    Classification classify(AssistTicket ticket);

    /** What the agent could do next, best first, given the ticket's state and thread. */
    List<NextAction> suggestNextActions(AssistTicket ticket);

    /** Articles and solved tickets that match the text, best first, at most {@code limit}. */
    List<KnowledgeHit> relatedKnowledge(UUID workspaceId, String text, KnowledgeHit.Audience audience, int limit);

    /** A reply the agent can edit and send, grounded in the knowledge it cites. */
    Draft draftReply(AssistTicket ticket);

    /** A few lines on what the thread is about and where it stands. */
    Summary summarise(AssistTicket ticket);

    /** An answer to a question from the knowledge base for that audience, with the passages used, or {@link Answer#unknown}. */
    Answer answer(UUID workspaceId, String question, KnowledgeHit.Audience audience, String language);

    /**
     * Learns the workspace's articles and history again (the host calls it from a scheduled job and
     * when an administrator asks). Returns what it learnt, in words, for the admin panel.
     */
    String retrain(UUID workspaceId);
}
