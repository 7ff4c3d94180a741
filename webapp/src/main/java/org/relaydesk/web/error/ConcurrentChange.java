package org.relaydesk.web.error;

/**
 * Recognises a conflict between two transactions, however the transaction layers wrapped it: an
 * optimistic-lock conflict (two saves of the same row at the same moment; jakarta.persistence's and
 * EclipseLink's exceptions of that name, under RollbackException, TransactionalException or
 * EJBException), and PostgreSQL's own verdicts on two transactions that cannot both go on (a deadlock,
 * a serialization failure, a lock not available): the caller tries again, nothing was changed.
 */
public final class ConcurrentChange {
    private ConcurrentChange() {
    }

    public static boolean isConflict(Throwable thrown) {
        int hops = 0;
        for (Throwable t = thrown; t != null && hops++ < 32; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || "OptimisticLockException".equals(t.getClass().getSimpleName())) {
                return true;
            }
            if (t instanceof java.sql.SQLException e && ("40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState())
                    || "55P03".equals(e.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
