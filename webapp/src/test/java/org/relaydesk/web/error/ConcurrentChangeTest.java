package org.relaydesk.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

/** An optimistic-lock conflict is recognised however deep the transaction layers wrapped it. */
class ConcurrentChangeTest {
    /** Stands in for EclipseLink's own exception of that name, which is not a jakarta.persistence type. */
    static final class OptimisticLockException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void findsTheConflictUnderTheWrappers() {
        RollbackException rollback = new RollbackException("commit failed");
        rollback.initCause(new jakarta.persistence.OptimisticLockException("row changed"));
        assertThat(ConcurrentChange.isConflict(new TransactionalException("rolled back", rollback))).isTrue();
        assertThat(ConcurrentChange.isConflict(new PersistenceException(new OptimisticLockException()))).as("EclipseLink's").isTrue();
    }

    @Test
    void postgresVerdictsOnTwoTransactionsAreConflictsToo() {
        for (String state : new String[] {"40P01", "40001", "55P03"}) {
            assertThat(ConcurrentChange.isConflict(new TransactionalException("rolled back",
                    new PersistenceException(new java.sql.SQLException("deadlock detected", state))))).as(state).isTrue();
        }
        assertThat(ConcurrentChange.isConflict(new PersistenceException(new java.sql.SQLException("duplicate key", "23505")))).isFalse();
    }

    @Test
    void otherFailuresAreNoConflict() {
        assertThat(ConcurrentChange.isConflict(new TransactionalException("rolled back", new PersistenceException("duplicate key")))).isFalse();
        assertThat(ConcurrentChange.isConflict(new IllegalStateException("other"))).isFalse();
        assertThat(ConcurrentChange.isConflict(null)).isFalse();
    }
}
