package org.relaydesk.core.user;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing without giving anyone a lock on someone else's account. Failures count
 * per account and client address together (5 in 15 minutes), per client address (30 in 15 minutes,
 * against spraying many accounts), and per account from every address (50 in 15 minutes, against
 * guessing from many addresses). That last limit spares the addresses the account signed in from
 * successfully, so an outsider flooding the administrator's account from elsewhere cannot keep the
 * administrator out: at worst they shut out new addresses for a quarter of an hour.
 */
public final class LoginThrottle {
    private final RateLimiter perPair = new RateLimiter(5, Duration.ofMinutes(15), "Too many failed sign-ins for this account from your address");
    private final RateLimiter perClient = new RateLimiter(30, Duration.ofMinutes(15), "Too many failed sign-ins from your address");
    private final RateLimiter perAccount = new RateLimiter(50, Duration.ofMinutes(15), "Too many failed sign-ins for this account");
    /** Addresses each account signed in from, most recent last; bounded like the limiters. */
    private final Map<String, String> knownClients = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 100_000;
        }
    });

    /**
     * Counts the attempt as a failure before the password is checked, so that guesses sent in
     * parallel cannot all pass before the first failure is recorded; {@link #succeeded} gives it back.
     * Throws {@link org.relaydesk.core.error.TooManyRequestsException} while this attempt must wait.
     */
    public void check(String account, String client) {
        boolean known = knownClients.containsKey(pair(account, client));
        perClient.check(client);
        perPair.check(pair(account, client));
        if (!known) {
            perAccount.check(account);
        }
        perClient.recordFailure(client);
        perPair.recordFailure(pair(account, client));
        perAccount.recordFailure(account);
    }

    public void succeeded(String account, String client) {
        perClient.refund(client);
        perAccount.refund(account);
        perPair.reset(pair(account, client));
        knownClients.put(pair(account, client), account);
    }

    private static String pair(String account, String client) {
        return account + "\n" + client;
    }
}
