package org.relaydesk.core.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relaydesk.core.error.TooManyRequestsException;

/**
 * Slows password guessing without giving anyone a lock on someone else's account. Failures count
 * per account and client address together (5 in 15 minutes), per client address (30 in 15 minutes,
 * against spraying many accounts), and per account from every address (50 in 15 minutes, against
 * guessing from many addresses). That last limit spares the addresses the account signed in from
 * successfully, so an outsider flooding the administrator's account from elsewhere cannot keep the
 * administrator out: at worst they shut out new addresses for a quarter of an hour.
 */
public final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    /** How long an address an account signed in from stays known to the throttle. */
    private static final Duration KNOWN_FOR = Duration.ofDays(90);
    private static final long KNOWN_ADDRESSES = 100_000;

    private final RateLimiter perPair;
    private final RateLimiter perClient;
    private final RateLimiter perAccount;
    /** Addresses each account signed in from (bounded, forgotten 90 days after the last sign-in from there). */
    private final CounterStore knownClients;

    /** A throttle in this node's memory (a server running alone, tests). */
    public LoginThrottle() {
        this(new RateLimits(), "sign-in");
    }

    /** A throttle whose counts are kept where {@code limits} keeps them (every node of a cluster together), under {@code name}. */
    LoginThrottle(RateLimits limits, String name) {
        perPair = limits.limiter(name + ".account-and-address", 5, WINDOW, "Too many failed sign-ins for this account from your address");
        perClient = limits.limiter(name + ".address", 30, WINDOW, "Too many failed sign-ins from your address");
        perAccount = limits.limiter(name + ".account", 50, WINDOW, "Too many failed sign-ins for this account");
        knownClients = limits.store(name + ".known-addresses", KNOWN_FOR, KNOWN_ADDRESSES);
    }

    /**
     * Counts the attempt as a failure before the password is checked, so that guesses sent in
     * parallel cannot all pass before the first failure is recorded; {@link #succeeded} gives it back.
     * Throws {@link org.relaydesk.core.error.TooManyRequestsException} while this attempt must wait.
     */
    public void check(String account, String client) {
        String pair = pair(account, client);
        boolean known = knownClients.get(pair).isPresent();
        // each limit takes its attempt at once (a compare-and-set), so attempts sent together, to one node or
        // several, are each counted before any password is checked; a refusal gives back what was taken
        List<Runnable> giveBack = new ArrayList<>(3);
        take(perClient, client, giveBack);
        take(perPair, pair, giveBack);
        if (known) {
            perAccount.recordFailure(account);
        } else {
            take(perAccount, account, giveBack);
        }
    }

    private static void take(RateLimiter limiter, String key, List<Runnable> giveBack) {
        Optional<TooManyRequestsException> refused = limiter.take(key);
        if (refused.isPresent()) {
            giveBack.forEach(Runnable::run);
            throw refused.get();
        }
        giveBack.add(() -> limiter.refund(key));
    }

    public void succeeded(String account, String client) {
        passwordRight(account, client);
        secondStepPassed(account, client);
    }

    /**
     * The password was right but a second step follows: the attempt is given back, nothing more. The
     * address becomes known to the account only when the sign-in completes ({@link #secondStepPassed}),
     * so a stolen password alone does not earn an address the known-address treatment.
     */
    public void passwordRight(String account, String client) {
        perClient.refund(client);
        perAccount.refund(account);
        perPair.refund(pair(account, client));
    }

    /** A sign-in whose attempt was already given back completed: the address is known to the account from now on. */
    public void secondStepPassed(String account, String client) {
        perPair.reset(pair(account, client));
        knownClients.put(pair(account, client), 1); // known for 90 days from this sign-in
    }

    private static String pair(String account, String client) {
        return account + "\n" + client;
    }
}
