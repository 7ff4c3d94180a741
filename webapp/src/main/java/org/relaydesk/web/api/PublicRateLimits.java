package org.relaydesk.web.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relaydesk.core.user.RateLimiter;
import org.relaydesk.core.user.RateLimits;

/**
 * Per-address limits of the public endpoints. Submissions and look-ups are what spammers aim at,
 * so they get the tighter budget; both are configurable (relaydesk.public.*).
 * <p>
 * A channel whose connector proves every sender (a messaging provider's signed webhooks) is
 * limited differently: its provider posts from a few addresses at hundreds a second, each post
 * authentic, so only the posts the connector refuses (4xx: a bad signature, a body it cannot read)
 * count against the address, for that channel account only (one account's wrong app secret does not
 * shut out the provider's posts to the others), and an address that used up that budget is turned
 * away before its next body is read or checked. Posts refused because they are too large count as
 * refusals too; posts turned away because too many are being received at once ({@link ChannelPostGate})
 * do not: that is the server's overload (or the provider's burst), not a bad post, and counting it
 * would keep the provider out for minutes after the server caught up. The gate itself bounds what an
 * address holding posts open can take.
 */
@ApplicationScoped
public class PublicRateLimits {
    @Inject
    @ConfigProperty(name = "relaydesk.public.writes-per-10-minutes", defaultValue = "10")
    int writesPerTenMinutes;

    @Inject
    @ConfigProperty(name = "relaydesk.public.reads-per-minute", defaultValue = "120")
    int readsPerMinute;

    @Inject
    @ConfigProperty(name = "relaydesk.public.refused-webhooks-per-10-minutes", defaultValue = "20")
    int refusedWebhooksPerTenMinutes;

    // 64, not fewer: Meta delivers a number's webhooks from a few addresses, many at once (200/s
    // answered in 100 ms is 20 in flight); the megabyte budget below bounds the memory either way.
    @Inject
    @ConfigProperty(name = "relaydesk.public.channel-posts-in-flight-per-address", defaultValue = "64")
    int channelPostsInFlightPerAddress;

    @Inject
    @ConfigProperty(name = "relaydesk.public.channel-posts-in-flight-mb", defaultValue = "96")
    int channelPostsInFlightMb;

    @Inject
    RateLimits rateLimits;

    private ChannelPostGate gate;
    private RateLimiter writes;
    private RateLimiter reads;
    private RateLimiter refusedWebhooks;

    @PostConstruct
    void init() {
        writes = rateLimits.limiter("public.writes", writesPerTenMinutes, Duration.ofMinutes(10), "Too many submissions from this address");
        reads = rateLimits.limiter("public.reads", readsPerMinute, Duration.ofMinutes(1), "Too many requests from this address");
        refusedWebhooks = rateLimits.limiter("public.refused-webhooks", refusedWebhooksPerTenMinutes, Duration.ofMinutes(10),
                "Too many refused requests from this address");
        gate = new ChannelPostGate(channelPostsInFlightPerAddress, channelPostsInFlightMb * 1024L * 1024L);
    }

    /**
     * Before a post to a channel's public address is read: a form post takes a write; a post to a
     * channel that proves its senders only needs the address not to have used up its refusals for
     * that account.
     *
     * @throws org.relaydesk.core.error.TooManyRequestsException when the address must wait
     */
    public void beforeChannelPost(String address, UUID account, boolean provesSenders) {
        if (provesSenders) {
            refusedWebhooks.check(refusalKey(address, account));
        } else {
            writes.acquire(address);
        }
    }

    /**
     * A place for a post of at most {@code bytes} from the address, taken before its body is read;
     * close it once the post is answered. Being turned away here (503, busy) is not counted against
     * the address.
     *
     * @throws org.relaydesk.web.error.ServerBusyException when the address, or everyone together, has too much in flight
     */
    public ChannelPostGate.Pass admitChannelPost(String address, UUID account, boolean provesSenders, long bytes) {
        return gate.admit(address, bytes);
    }

    /**
     * After the post was answered with {@code status}: a refused one (4xx: a bad signature, too
     * large) counts against the address for a channel that proves senders. The connector's own
     * failures (5xx: storage down) are ours, not the sender's: the provider retries them.
     */
    public void afterChannelPost(String address, UUID account, boolean provesSenders, int status) {
        if (provesSenders && status >= 400 && status < 500) {
            refusedWebhooks.recordFailure(refusalKey(address, account));
        }
    }

    private static String refusalKey(String address, UUID account) {
        return address + "|" + account;
    }

    public RateLimiter writes() {
        return writes;
    }

    public RateLimiter reads() {
        return reads;
    }
}
