package org.relaydesk.core.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.relaydesk.core.persistence.Tenancy;

/**
 * Runs a job only where it holds the job's PostgreSQL advisory lock, taken for the run's transaction:
 * every node may try, one at a time does the work, and a node that dies mid-run lets go of the lock
 * with its connection. The database all nodes share is the arbiter, so this needs no cluster
 * membership at all.
 */
@ApplicationScoped
public class JobRunner {
    @Inject
    Tenancy tenancy;

    /** @return whether this node ran the job (false: another node is running it right now). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean runExclusively(ScheduledJob job) {
        Object locked = tenancy.sql("SELECT pg_try_advisory_xact_lock(?)").setParameter(1, lockKey(job.name())).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return false;
        }
        job.run();
        return true;
    }

    /** The lock's 64-bit key: the first bytes of the name's SHA-256, the same on every node. */
    public static long lockKey(String jobName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("relaydesk.job:" + jobName).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
