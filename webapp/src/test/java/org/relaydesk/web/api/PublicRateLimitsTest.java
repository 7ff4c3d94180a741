package org.relaydesk.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.channel.ChannelHttp;
import org.relaydesk.core.error.TooManyRequestsException;
import org.relaydesk.web.error.ServerBusyException;

/**
 * Posts to channels' public addresses: a provider's signed webhooks at its own rate all pass, an
 * address sending refused ones is turned away, and web forms keep the tight limit of every post.
 */
class PublicRateLimitsTest {
    private static final String META = "173.252.88.1";
    private static final String ATTACKER = "203.0.113.9";
    private static final UUID NUMBER_A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID NUMBER_B = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private PublicRateLimits limits;

    @BeforeEach
    void defaults() {
        limits = new PublicRateLimits();
        limits.writesPerTenMinutes = 10;
        limits.readsPerMinute = 120;
        limits.refusedWebhooksPerTenMinutes = 20;
        limits.channelPostsInFlightPerAddress = 8;
        limits.channelPostsInFlightMb = 96;
        limits.rateLimits = new org.relaydesk.core.user.RateLimits();
        limits.init();
    }

    private void post(String address, boolean provesSenders, int answer) {
        post(address, NUMBER_A, provesSenders, answer);
    }

    private void post(String address, UUID account, boolean provesSenders, int answer) {
        limits.beforeChannelPost(address, account, provesSenders);
        try (var admitted = limits.admitChannelPost(address, account, provesSenders, 2_000)) {
            limits.afterChannelPost(address, account, provesSenders, answer);
        }
    }

    @Test
    void aProvidersAcceptedWebhooksAreNeverThrottledWhateverTheirRate() {
        // two minutes of Meta at 200 webhooks a second from one of its addresses, every one signed
        assertThatCode(() -> {
            for (int i = 0; i < 24_000; i++) {
                post(META, true, 200);
            }
        }).doesNotThrowAnyException();
        assertThatCode(() -> post(META, true, 500)).as("our own failure (Meta retries) is not the sender's").doesNotThrowAnyException();
    }

    @Test
    void anAddressSendingBadSignaturesIsTurnedAwayBeforeItsNextBodyIsRead() {
        for (int i = 0; i < 20; i++) {
            post(ATTACKER, true, i % 2 == 0 ? 401 : 400);
        }
        assertThatThrownBy(() -> limits.beforeChannelPost(ATTACKER, NUMBER_A, true)).isInstanceOfSatisfying(TooManyRequestsException.class,
                e -> assertThat(e.retryAfterSeconds()).isPositive());
        assertThatCode(() -> post(META, true, 200)).as("other addresses go on").doesNotThrowAnyException();
    }

    @Test
    void aWebFormsPostsCountEvenWhenTheyAreTaken() {
        for (int i = 0; i < 10; i++) {
            post(ATTACKER, false, 201);
        }
        assertThatThrownBy(() -> limits.beforeChannelPost(ATTACKER, NUMBER_A, false)).isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> post(ATTACKER, true, 200)).as("a signed webhook from there is another budget").doesNotThrowAnyException();
    }

    @Test
    void oneNumbersBadSignaturesDoNotShutTheSameAddressOutOfAnotherNumber() {
        for (int i = 0; i < 20; i++) {
            post(META, NUMBER_A, true, 401); // number A's app secret is wrong
        }
        assertThatThrownBy(() -> limits.beforeChannelPost(META, NUMBER_A, true)).isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> post(META, NUMBER_B, true, 200)).as("number B's webhooks from Meta go on").doesNotThrowAnyException();
    }

    @Test
    void anAddressHoldingManyPostsOpenIsTurnedAwayBeforeItsNextBodyIsReadButThatIsNotCountedAsARefusal() {
        List<ChannelPostGate.Pass> open = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            open.add(limits.admitChannelPost(ATTACKER, NUMBER_A, true, ChannelHttp.MESSAGING_MAX_BODY + 1L));
        }
        assertThatThrownBy(() -> limits.admitChannelPost(ATTACKER, NUMBER_A, true, 100)).isInstanceOfSatisfying(ServerBusyException.class,
                e -> assertThat(e.retryAfterSeconds()).isPositive());
        assertThatCode(() -> limits.admitChannelPost(META, NUMBER_A, true, 100).close()).as("another address is let in").doesNotThrowAnyException();
        open.forEach(ChannelPostGate.Pass::close);
        assertThatCode(() -> limits.admitChannelPost(ATTACKER, NUMBER_A, true, 100).close()).as("once its posts are answered").doesNotThrowAnyException();
        for (int i = 0; i < 19; i++) {
            limits.afterChannelPost(ATTACKER, NUMBER_A, true, 401);
        }
        assertThatCode(() -> limits.beforeChannelPost(ATTACKER, NUMBER_A, true)).as("19 refusals: the busy answer was not one of them")
                .doesNotThrowAnyException();
        limits.afterChannelPost(ATTACKER, NUMBER_A, true, 401);
        assertThatThrownBy(() -> limits.beforeChannelPost(ATTACKER, NUMBER_A, true)).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void aProviderTurnedAwayWhileTheServerIsOverloadedIsLetInAgainAsSoonAsPlacesFree() {
        // Meta at 200/s while the server answers slowly: its posts pile up to the address's share, the rest are turned away
        List<ChannelPostGate.Pass> open = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            limits.beforeChannelPost(META, NUMBER_A, true);
            open.add(limits.admitChannelPost(META, NUMBER_A, true, 4_000));
        }
        for (int i = 0; i < 1_000; i++) {
            limits.beforeChannelPost(META, NUMBER_A, true);
            assertThatThrownBy(() -> limits.admitChannelPost(META, NUMBER_A, true, 4_000)).isInstanceOf(ServerBusyException.class);
        }
        open.forEach(ChannelPostGate.Pass::close);
        for (int i = 0; i < 50; i++) {
            post(META, true, 503); // and the plugin's own refusals (its places taken): ours too
        }
        assertThatCode(() -> post(META, true, 200)).as("no 429 for the overload once it is over").doesNotThrowAnyException();
    }

    @Test
    void manyAddressesTogetherCannotMakeTheServerHoldMoreThanItsBudgetOfBodies() {
        List<ChannelPostGate.Pass> open = new ArrayList<>();
        int address = 0;
        // a botnet: every address within its own share, each post as large as a webhook may be
        while (open.size() < 1000) {
            try {
                open.add(limits.admitChannelPost("198.51.100." + address++, NUMBER_A, true, ChannelHttp.MESSAGING_MAX_BODY + 1L));
            } catch (ServerBusyException busy) {
                break;
            }
        }
        assertThat((long) open.size() * (ChannelHttp.MESSAGING_MAX_BODY + 1L)).as("bytes the server may be holding").isLessThanOrEqualTo(96L << 20);
        assertThat(open).as("but a fair number are taken at once").hasSizeGreaterThanOrEqualTo(30);
        assertThatThrownBy(() -> limits.admitChannelPost("192.0.2.1", NUMBER_B, true, ChannelHttp.MESSAGING_MAX_BODY + 1L))
                .isInstanceOf(ServerBusyException.class);
        open.forEach(ChannelPostGate.Pass::close);
        assertThatCode(() -> limits.admitChannelPost("192.0.2.1", NUMBER_B, true, ChannelHttp.MESSAGING_MAX_BODY + 1L).close())
                .doesNotThrowAnyException();
    }

    @Test
    void aSmallWebhookReservesLittleSoThatMetasBurstsPass() {
        List<ChannelPostGate.Pass> open = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            open.add(limits.admitChannelPost("173.252.88." + i % 250, NUMBER_A, true, 4_000));
        }
        assertThat(open).hasSize(500);
        open.forEach(ChannelPostGate.Pass::close);
    }
}
