package org.relaydesk.core.user.policy;

import java.time.Duration;
import java.time.Instant;
import org.relaydesk.core.error.InvalidInputException;

/**
 * How long a workspace's staff sessions last: ended after {@code idleMinutes} without a request, and
 * after {@code absoluteHours} since the password was given whatever happens; "remember me" (where
 * allowed) stretches the idle limit to 30 days, never past the absolute one. API session tokens live
 * 12 hours at most, less when the absolute limit is shorter.
 */
public record SessionRules(int idleMinutes, int absoluteHours, boolean rememberMeAllowed) {
    public static final int MIN_IDLE_MINUTES = 5;
    public static final int MAX_IDLE_MINUTES = 43_200;
    public static final int MIN_ABSOLUTE_HOURS = 1;
    public static final int MAX_ABSOLUTE_HOURS = 8_760;
    public static final Duration REMEMBERED_IDLE = Duration.ofDays(30);
    public static final Duration API_SESSION_LIFETIME = Duration.ofHours(12);
    public static final SessionRules DEFAULT = new SessionRules(480, 720, true);

    public SessionRules {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(idleMinutes >= MIN_IDLE_MINUTES && idleMinutes <= MAX_IDLE_MINUTES, "session_idle_minutes",
                "must be between " + MIN_IDLE_MINUTES + " and " + MAX_IDLE_MINUTES + " (30 days)")
                .check(absoluteHours >= MIN_ABSOLUTE_HOURS && absoluteHours <= MAX_ABSOLUTE_HOURS, "session_absolute_hours",
                        "must be between " + MIN_ABSOLUTE_HOURS + " and " + MAX_ABSOLUTE_HOURS + " (a year)");
        errors.throwIfAny();
    }

    public Duration absolute() {
        return Duration.ofHours(absoluteHours);
    }

    /** How long a panel session may sit unused: the idle limit, or 30 days when remembered where allowed; never past the absolute limit. */
    public Duration idleFor(boolean remembered) {
        Duration idle = remembered && rememberMeAllowed ? REMEMBERED_IDLE : Duration.ofMinutes(idleMinutes);
        return idle.compareTo(absolute()) > 0 ? absolute() : idle;
    }

    /** Whether a panel session signed in at {@code signedIn} and last used at {@code lastSeen} has ended by {@code now}. */
    public boolean ended(Instant signedIn, Instant lastSeen, boolean remembered, Instant now) {
        return !now.isBefore(signedIn.plus(absolute())) || !now.isBefore(lastSeen.plus(idleFor(remembered)));
    }

    /** Until when a new API session token issued at {@code now} is valid. */
    public Instant apiSessionEnd(Instant now) {
        Duration lifetime = API_SESSION_LIFETIME.compareTo(absolute()) > 0 ? absolute() : API_SESSION_LIFETIME;
        return now.plus(lifetime);
    }

    /** Whether an API session token issued at {@code issuedAt} is past the absolute limit (which an admin may have shortened since). */
    public boolean apiSessionTooOld(Instant issuedAt, Instant now) {
        return !now.isBefore(issuedAt.plus(absolute()));
    }
}
