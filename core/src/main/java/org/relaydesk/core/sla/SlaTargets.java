package org.relaydesk.core.sla;

import java.time.Duration;
import java.util.Objects;

/** What a policy promises for one priority: first response, each next response, resolution. */
public record SlaTargets(Duration firstResponse, Duration nextResponse, Duration resolution) {
    public SlaTargets {
        Objects.requireNonNull(firstResponse, "firstResponse");
        Objects.requireNonNull(nextResponse, "nextResponse");
        Objects.requireNonNull(resolution, "resolution");
    }

    /** Hours as a help desk admin writes them: decimals allowed, counted to the minute. */
    public static SlaTargets hours(double firstResponse, double nextResponse, double resolution) {
        return new SlaTargets(minutes(firstResponse), minutes(nextResponse), minutes(resolution));
    }

    static Duration minutes(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }
}
