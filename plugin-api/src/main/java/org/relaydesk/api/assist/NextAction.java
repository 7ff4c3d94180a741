package org.relaydesk.api.assist;

import java.util.Map;
import java.util.Objects;

/**
 * A step the host can carry out when the agent chooses it. {@code kind} says which; {@code arguments}
 * fill it in (each kind's keys below; the host checks them and the agent can change them before doing
 * it); {@code reason} says, in words, why it is suggested.
 */
public record NextAction(Kind kind, String title, String reason, double confidence, Map<String, String> arguments) {

    public NextAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        reason = reason == null ? "" : reason;
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("a confidence is between 0 and 1, not " + confidence);
        }
    }

    /** The steps the host knows how to take, and the arguments each reads. */
    public enum Kind {
        /** Ask the customer for what is missing: {@code questions} (lines), then wait on the customer. */
        REQUEST_INFO,
        /** Hand the ticket up: {@code team} (a team's name), {@code note} (for the team), {@code priority} (optional, raised to). */
        ESCALATE,
        /** Come back to it: {@code in_hours} (whole hours from now) and {@code note}; the ticket reopens then if no one did. */
        FOLLOW_UP,
        /** Correct the customer record: {@code field} (name, email, phone, organisation) and {@code value}, read from the thread. */
        UPDATE_CONTACT,
        /** Ask a colleague: {@code subject}, {@code assignee} (an agent's email or name, optional), {@code note}; a linked ticket. */
        CREATE_TASK,
        /** Send an article: {@code article} (its id) and {@code title}; goes into the reply with its link. */
        SEND_ARTICLE,
        /** Set what triage suggests: any of {@code category}, {@code priority}, {@code team}, {@code tags} (comma-separated). */
        SET_FIELDS,
        /** Resolve after a checklist: {@code checklist} (lines the agent ticks), {@code survey} (true to ask for a rating). */
        CLOSE_WITH_CHECKLIST
    }
}
