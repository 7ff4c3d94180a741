package org.relaydesk.web.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relaydesk.core.user.RateLimiter;

/**
 * Per-address limits of the public endpoints. Submissions and look-ups are what spammers aim at,
 * so they get the tighter budget; both are configurable (relaydesk.public.*).
 */
@ApplicationScoped
public class PublicRateLimits {
    @Inject
    @ConfigProperty(name = "relaydesk.public.writes-per-10-minutes", defaultValue = "10")
    int writesPerTenMinutes;

    @Inject
    @ConfigProperty(name = "relaydesk.public.reads-per-minute", defaultValue = "120")
    int readsPerMinute;

    private RateLimiter writes;
    private RateLimiter reads;

    @PostConstruct
    void init() {
        writes = new RateLimiter(writesPerTenMinutes, Duration.ofMinutes(10), "Too many submissions from this address");
        reads = new RateLimiter(readsPerMinute, Duration.ofMinutes(1), "Too many requests from this address");
    }

    public RateLimiter writes() {
        return writes;
    }

    public RateLimiter reads() {
        return reads;
    }
}
