package org.relaydesk.plugin.assist;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.api.host.HostServices;

/**
 * The running plugin's state: the host's services, the sentence model, and each workspace's
 * {@link KnowledgeIndex}. An index older than {@link #FRESH_FOR} is learnt again in the background
 * while the old one keeps answering; a workspace never learnt answers from an empty index (rules and
 * the host's full-text search still work) until its first learning is done. Learning runs on one
 * thread of the plugin's own, so it never takes the places of the host's calls.
 */
final class Assistant {
    private static final Logger LOG = Logger.getLogger(Assistant.class.getName());
    static final Duration FRESH_FOR = Duration.ofMinutes(10);
    private static volatile Assistant current;

    final HostServices host;
    private final TextVectors vectors;
    /** The workspaces' indexes, the most recently used kept: an installation with many workspaces does not hold them all. */
    static final int WORKSPACES_KEPT = 32;
    private final Map<UUID, KnowledgeIndex> indexes = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, KnowledgeIndex> eldest) {
            return size() > WORKSPACES_KEPT;
        }
    });
    /** One learning per workspace at a time (the scheduled job, an admin's button and a stale index may ask together). */
    private final Map<UUID, Object> learningLocks = new ConcurrentHashMap<>();
    private final Set<UUID> learning = ConcurrentHashMap.newKeySet();
    private final ExecutorService learner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ai-assist-learner");
        thread.setDaemon(true);
        return thread;
    });

    Assistant(HostServices host, TextVectors vectors) {
        this.host = host;
        this.vectors = vectors;
    }

    static void start(HostServices host) {
        Assistant started = new Assistant(host, new LazyVectors());
        current = started;
        // load the model now, off the start's time limit, so that the first ticket opened does not wait for it
        started.learner.submit(() -> started.vectors.vector("warm up"));
    }

    static void stop() {
        Assistant stopped = current;
        current = null;
        if (stopped != null) {
            stopped.learner.shutdownNow();
        }
    }

    static Assistant current() {
        Assistant running = current;
        if (running == null) {
            throw new IllegalStateException("the AI assist plugin is not started");
        }
        return running;
    }

    TextVectors vectors() {
        return vectors;
    }

    Settings settings() {
        return Settings.of(host.settings());
    }

    /** The workspace's index as it is now (empty before its first learning), learning it again in the background when stale. */
    KnowledgeIndex index(UUID workspaceId) {
        KnowledgeIndex index = indexes.get(workspaceId);
        Instant now = host.clock().instant();
        if ((index == null || index.builtAt.plus(FRESH_FOR).isBefore(now)) && learning.add(workspaceId)) {
            try {
                learner.submit(() -> {
                    try {
                        learn(workspaceId);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Learning workspace " + workspaceId + " failed; the previous index keeps answering", e);
                    } finally {
                        learning.remove(workspaceId);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                learning.remove(workspaceId);
            }
        }
        return index != null ? index : KnowledgeIndex.empty(workspaceId, now);
    }

    /** Learns the workspace now, on the caller's thread, and says what was learnt. */
    String retrain(UUID workspaceId) {
        KnowledgeIndex index = learn(workspaceId);
        return index.articles.size() + (index.articles.size() == 1 ? " article" : " articles") + " (" + index.passages.size() + " passages) and "
                + index.examples.size() + " solved " + (index.examples.size() == 1 ? "ticket" : "tickets") + " learnt with " + vectors.model();
    }

    private KnowledgeIndex learn(UUID workspaceId) {
        synchronized (learningLocks.computeIfAbsent(workspaceId, id -> new Object())) {
            return learnNow(workspaceId);
        }
    }

    private KnowledgeIndex learnNow(UUID workspaceId) {
        long started = System.nanoTime();
        KnowledgeIndex index = KnowledgeIndex.build(workspaceId, host.knowledge(), vectors, settings().ticketsLearnt(), host.clock().instant());
        indexes.put(workspaceId, index);
        LOG.fine(() -> "Workspace " + workspaceId + " learnt in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        return index;
    }

    /** The model, made on first use (loading it takes a second; the plugin's start must not). */
    private static final class LazyVectors implements TextVectors {
        private volatile MiniLmVectors model;

        @Override
        public float[] vector(String text) {
            return loaded().vector(text);
        }

        @Override
        public String model() {
            return "all-MiniLM-L6-v2 (quantised, in-process)";
        }

        private MiniLmVectors loaded() {
            MiniLmVectors made = model;
            if (made == null) {
                synchronized (this) {
                    if (model == null) {
                        model = new MiniLmVectors();
                    }
                    made = model;
                }
            }
            return made;
        }
    }
}
