package org.relaydesk.core.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * One item of a job's work in a transaction of its own. A job must never catch an item's failure
 * inside the transaction the item ran in: by then the transaction is marked for rollback, and whatever
 * the job does next (recording the failure, the other items) is rolled back with it. So a job runs
 * each item here, catches the failure outside, and records it in another transaction of its own.
 */
@ApplicationScoped
public class OwnTransaction {
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void run(Runnable work) {
        work.run();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T call(Supplier<T> work) {
        return work.get();
    }

    /**
     * Why an item failed, in words for an admin: the message of the innermost cause that has one (a
     * failed commit wraps the database's own message a few levels down), at most 2,000 characters.
     */
    public static String reasonOf(Throwable failure) {
        String reason = null;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage().strip();
            }
        }
        String text = reason == null ? failure.getClass().getSimpleName() : reason;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
