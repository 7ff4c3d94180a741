package org.relaydesk.web.cluster;

import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relaydesk.core.user.CounterStore;
import org.relaydesk.core.user.LocalCounterStore;
import org.relaydesk.core.user.SharedCounterStores;

/**
 * The rate limits' counters in the data grid when this server is one node of several: a map per limiter,
 * holding one number per key (only the grid's own types cross the wire, so no class of ours has to be
 * known to the other nodes), changed by compare-and-set and forgotten after the limiter's period. Each
 * map keeps at most {@value #MAXIMUM_KEYS} keys per node, the least used going first. Should the grid fail
 * a call (a node leaving, the grid shutting down), that call counts in this node's memory instead: the
 * limit then holds per node for a moment, and no request fails for it.
 */
@ApplicationScoped
public class GridCounterStores implements SharedCounterStores {
    static final String PREFIX = "relaydesk.limit.";
    static final int MAXIMUM_KEYS = 50_000;
    private static final Logger LOG = Logger.getLogger(GridCounterStores.class.getName());

    private final Supplier<Optional<HazelcastInstance>> grid;
    private volatile Optional<HazelcastInstance> found;

    public GridCounterStores() {
        this(GridCounterStores::lookUpIfClustered);
    }

    GridCounterStores(Supplier<Optional<HazelcastInstance>> grid) {
        this.grid = grid;
    }

    @Override
    public Optional<CounterStore> open(String name, Duration keepFor) {
        Optional<HazelcastInstance> instance = instance();
        if (instance.isEmpty()) {
            return Optional.empty();
        }
        try {
            instance.get().getConfig().addMapConfig(new MapConfig(PREFIX + name).setEvictionConfig(new EvictionConfig()
                    .setEvictionPolicy(EvictionPolicy.LRU).setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(MAXIMUM_KEYS)));
            IMap<String, Long> map = instance.get().getMap(PREFIX + name);
            return Optional.of(new GridStore(map, keepFor, new LocalCounterStore(keepFor, MAXIMUM_KEYS)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster: the rate limit " + name + " counts on this node only; the data grid refused its map", e);
            return Optional.empty();
        }
    }

    private Optional<HazelcastInstance> instance() {
        Optional<HazelcastInstance> known = found;
        if (known == null) {
            known = grid.get();
            found = known;
        }
        return known;
    }

    private static Optional<HazelcastInstance> lookUpIfClustered() {
        String members = ConfigProvider.getConfig().getOptionalValue("relaydesk.cluster.members", String.class).orElse("").trim();
        if (members.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((HazelcastInstance) new InitialContext().lookup("payara/Hazelcast"));
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Cluster: relaydesk.cluster.members is set but the data grid is not available; rate limits count per node", e);
            return Optional.empty();
        }
    }

    /** One limiter's map, falling back to this node's memory for a call the grid fails. */
    static final class GridStore implements CounterStore {
        private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
        private final IMap<String, Long> map;
        private final long keepForMillis;
        private final LocalCounterStore fallback;
        private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

        GridStore(IMap<String, Long> map, Duration keepFor, LocalCounterStore fallback) {
            this.map = map;
            this.keepForMillis = keepFor.toMillis();
            this.fallback = fallback;
        }

        @Override
        public OptionalLong get(String key) {
            try {
                Long value = map.get(key);
                return value == null ? OptionalLong.empty() : OptionalLong.of(value);
            } catch (RuntimeException e) {
                failed(e);
                return fallback.get(key);
            }
        }

        @Override
        public boolean putIfAbsent(String key, long value) {
            try {
                return map.putIfAbsent(key, value, keepForMillis, TimeUnit.MILLISECONDS) == null;
            } catch (RuntimeException e) {
                failed(e);
                return fallback.putIfAbsent(key, value);
            }
        }

        @Override
        public boolean replace(String key, long expected, long value) {
            boolean replaced;
            try {
                replaced = map.replace(key, expected, value);
            } catch (RuntimeException e) {
                failed(e);
                return fallback.replace(key, expected, value);
            }
            if (replaced) {
                try {
                    // the key is forgotten one period after this change, not after the first
                    map.setTtl(key, keepForMillis, TimeUnit.MILLISECONDS);
                } catch (RuntimeException e) {
                    failed(e); // the change counted; the entry lives on until its earlier time runs out or it is evicted
                }
            }
            return replaced;
        }

        @Override
        public void put(String key, long value) {
            try {
                map.set(key, value, keepForMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                failed(e);
                fallback.put(key, value);
            }
        }

        @Override
        public void remove(String key) {
            try {
                map.delete(key);
            } catch (RuntimeException e) {
                failed(e);
            }
            fallback.remove(key);
        }

        private void failed(RuntimeException e) {
            long last = lastWarning.get();
            long now = System.nanoTime();
            if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
                LOG.log(Level.WARNING, "Cluster: the data grid failed a rate limit's call on " + map.getName()
                        + "; counting on this node meanwhile", e);
            }
        }
    }
}
