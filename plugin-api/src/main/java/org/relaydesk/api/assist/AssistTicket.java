package org.relaydesk.api.assist;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket as the assistant reads it: what it is about, its state and its thread (oldest first, at
 * most the latest 50 turns, each cut to 4,000 characters). {@code status} is the API's name
 * ({@code waiting_on_customer}); category, team and assignee are names, null when unset.
 * {@code contactName} and {@code contactEmail} are personal data: a provider that sends anything to
 * another service leaves them out unless its administrator allowed it.
 */
public record AssistTicket(UUID workspaceId, UUID id, String number, String subject, String status, String priority, String channel,
        String category, String team, String assignee, List<String> tags, String contactName, String contactEmail, Instant createdAt,
        List<Turn> turns, int openTasks) {

    public AssistTicket {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        subject = subject == null ? "" : subject;
        tags = tags == null ? List.of() : List.copyOf(tags);
        turns = turns == null ? List.of() : List.copyOf(turns);
    }

    /** Who wrote a turn. */
    public enum Author {
        CUSTOMER, AGENT, NOTE, SYSTEM
    }

    /** One message of the thread, as plain text. */
    public record Turn(Author author, String text, Instant at) {
        public Turn {
            Objects.requireNonNull(author, "author");
            text = text == null ? "" : text;
        }
    }

    /** The customer's words, oldest first, the subject first: what the ticket is about. */
    public String customerText() {
        StringBuilder text = new StringBuilder(subject);
        for (Turn turn : turns) {
            if (turn.author() == Author.CUSTOMER) {
                text.append('\n').append(turn.text());
            }
        }
        return text.toString();
    }

    /** The latest turn that is not a note or a system line, or null. */
    public Turn lastPublicTurn() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn turn = turns.get(i);
            if (turn.author() == Author.CUSTOMER || turn.author() == Author.AGENT) {
                return turn;
            }
        }
        return null;
    }
}
