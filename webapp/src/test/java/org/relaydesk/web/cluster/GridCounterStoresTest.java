package org.relaydesk.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.TooManyRequestsException;
import org.relaydesk.core.user.CounterStore;
import org.relaydesk.core.user.RateLimiter;

/**
 * Rate limits counted in a real data grid of two members (Hazelcast, as Payara Micro runs it, joined over
 * TCP/IP on loopback): attempts through either member count against one budget, entries are bounded and
 * forgotten, and a member whose grid is gone still answers from its own memory.
 */
class GridCounterStoresTest {
    private static HazelcastInstance memberA;
    private static HazelcastInstance memberB;

    @BeforeAll
    static void startTwoMembers() throws IOException {
        int portA = freePort();
        int portB = freePort();
        String cluster = "relaydesk-test-" + UUID.randomUUID();
        memberA = Hazelcast.newHazelcastInstance(config(cluster, portA, portA, portB));
        memberB = Hazelcast.newHazelcastInstance(config(cluster, portB, portA, portB));
        assertThat(memberA.getCluster().getMembers()).hasSize(2);
    }

    @AfterAll
    static void stop() {
        if (memberB != null) {
            memberB.shutdown();
        }
        if (memberA != null) {
            memberA.shutdown();
        }
    }

    private static Config config(String cluster, int port, int... members) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int member : members) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + member);
        }
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static RateLimiter limiter(HazelcastInstance member, String name) {
        CounterStore store = new GridCounterStores(() -> Optional.of(member)).open(name, Duration.ofMinutes(15)).orElseThrow();
        return new RateLimiter(5, Duration.ofMinutes(15), "Too many failed sign-ins", store, Clock.systemUTC());
    }

    @Test
    void failuresThroughEitherNodeCountAgainstOneBudget() {
        RateLimiter onA = limiter(memberA, "sign-in.pair");
        RateLimiter onB = limiter(memberB, "sign-in.pair");
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? onA : onB).acquire("admin@x.test\n203.0.113.9");
        }
        assertThatThrownBy(() -> onB.acquire("admin@x.test\n203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> onA.check("admin@x.test\n203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> onB.acquire("admin@x.test\n198.51.100.7")).as("another key").doesNotThrowAnyException();
        onA.reset("admin@x.test\n203.0.113.9");
        assertThatCode(() -> onB.acquire("admin@x.test\n203.0.113.9")).as("reset on one node, clear on the other").doesNotThrowAnyException();
    }

    @Test
    void entriesAreBoundedAndForgottenOnePeriodAfterTheirLastChange() {
        RateLimiter onA = limiter(memberA, "public.writes");
        onA.acquire("203.0.113.9");
        onA.acquire("203.0.113.9"); // the second changes the entry: its time to live starts again
        var entry = memberB.<String, Long>getMap(GridCounterStores.PREFIX + "public.writes").getEntryView("203.0.113.9");
        assertThat(entry).isNotNull();
        assertThat(entry.getTtl()).isEqualTo(Duration.ofMinutes(15).toMillis());
        assertThat(memberB.getConfig().getMapConfig(GridCounterStores.PREFIX + "public.writes").getEvictionConfig().getSize())
                .isEqualTo(GridCounterStores.MAXIMUM_KEYS);
    }

    @Test
    void withoutAGridNothingIsSharedAndAGridThatStopsIsReplacedByMemory() {
        assertThat(new GridCounterStores(Optional::empty).open("any", Duration.ofMinutes(1))).isEmpty();

        String cluster = "relaydesk-test-" + UUID.randomUUID();
        HazelcastInstance alone;
        try {
            int port = freePort();
            alone = Hazelcast.newHazelcastInstance(config(cluster, port, port));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RateLimiter limiter = limiter(alone, "sign-in.pair");
        limiter.acquire("k");
        alone.shutdown();
        for (int i = 0; i < 5; i++) {
            limiter.acquire("k"); // the grid is gone: counted in memory, from nothing
        }
        assertThatThrownBy(() -> limiter.acquire("k")).as("the limit still holds on this node").isInstanceOf(TooManyRequestsException.class);
    }
}
