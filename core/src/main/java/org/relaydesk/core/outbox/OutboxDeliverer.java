package org.relaydesk.core.outbox;

/**
 * Delivers the outbox entries of one kind (a CDI bean; the delivery job finds them all). Runs in a
 * transaction of its own per entry; throwing rolls that back and records the failed attempt.
 *
 * <p>That transaction commits only after the message has left, and a recipient (or a mail scanner)
 * may open a link in it before then. So a token the message carries is committed first, in a
 * transaction of its own ({@link org.relaydesk.core.job.OwnTransaction}), not with the entry: a
 * send that fails afterwards leaves an unused token that expires, never a link that does not work.
 */
public interface OutboxDeliverer {
    /** The entry kind it delivers, e.g. "channel.reply". */
    String kind();

    void deliver(OutboxEntry entry) throws DeliveryFailed;

    /** The pause after {@code failedAttempts} failed attempts, or empty when the entry is dead; about a day in all by default. */
    default java.util.Optional<java.time.Duration> pauseAfter(int failedAttempts) {
        return Backoff.after(failedAttempts);
    }

    /** The entry is dead (its last attempt failed, however): what the deliverer keeps of its own state follows, in the same transaction. */
    default void onDead(OutboxEntry entry) {
    }

    /** Which job delivers it: webhooks wait on receivers outside, and a slow one must not hold up the emails. */
    default Lane lane() {
        return Lane.MAIN;
    }

    enum Lane {
        MAIN, WEBHOOKS
    }

    /** Why an attempt failed; {@code permanent}: trying again cannot help (what it was for is gone), so the entry is dead at once. */
    final class DeliveryFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean permanent;

        public DeliveryFailed(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
