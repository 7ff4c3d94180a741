package org.relaydesk.web.error;

/**
 * Recognises an optimistic-lock conflict (two saves of the same row at the same moment) however the
 * transaction layers wrapped it: jakarta.persistence's and EclipseLink's exceptions of that name,
 * under RollbackException, TransactionalException or EJBException.
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
        }
        return false;
    }
}
