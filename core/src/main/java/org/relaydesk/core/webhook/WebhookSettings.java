package org.relaydesk.core.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relaydesk.core.net.OutboundAddressPolicy;

/** The operator's settings for webhooks (see the operator guide), read once. */
@ApplicationScoped
public class WebhookSettings {
    static final String DEFAULT_PAUSES = "30s,2m,10m,30m,1h,2h,4h,8h,12h";

    /** Also lets webhooks use plain http: a receiver on a private network seldom has a certificate. */
    @Inject
    @ConfigProperty(name = OutboundAddressPolicy.ALLOW_PRIVATE_NETWORKS, defaultValue = "false")
    boolean allowPrivateNetworks;

    /** The pauses after the 1st, 2nd... failed attempt; after the last the delivery is dead. The default spans 28 h 42 min. */
    @Inject
    @ConfigProperty(name = "relaydesk.webhooks.retry-pauses", defaultValue = DEFAULT_PAUSES)
    String retryPauses;

    /** How long a webhook may fail without one success before it is switched off and its owner told. */
    @Inject
    @ConfigProperty(name = "relaydesk.webhooks.switch-off-after", defaultValue = "72h")
    String switchOffAfter;

    Clock clock = Clock.systemUTC();

    private volatile List<Duration> pauses;

    public boolean allowPrivateNetworks() {
        return allowPrivateNetworks;
    }

    public Clock clock() {
        return clock;
    }

    public Optional<Duration> pauseAfter(int failedAttempts) {
        List<Duration> all = pauses();
        return failedAttempts >= 1 && failedAttempts <= all.size() ? Optional.of(all.get(failedAttempts - 1)) : Optional.empty();
    }

    public Duration switchOffAfter() {
        return parse(switchOffAfter).orElse(Duration.ofHours(72));
    }

    private List<Duration> pauses() {
        List<Duration> known = pauses;
        if (known == null) {
            known = parseList(retryPauses).orElseGet(() -> parseList(DEFAULT_PAUSES).orElseThrow());
            pauses = known;
        }
        return known;
    }

    /** "30s,2m,1h": each a number and a unit (s, m, h, d). Empty when any part is not. */
    static Optional<List<Duration>> parseList(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<Duration> list = new ArrayList<>();
        for (String part : text.split(",")) {
            Optional<Duration> one = parse(part);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            list.add(one.get());
        }
        return Optional.of(List.copyOf(list));
    }

    static Optional<Duration> parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!value.matches("\\d{1,6}[smhd]")) {
            return Optional.empty();
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return Optional.of(switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }
}
