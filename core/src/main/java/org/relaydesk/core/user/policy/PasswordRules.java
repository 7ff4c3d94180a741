package org.relaydesk.core.user.policy;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.relaydesk.core.error.InvalidInputException;

/**
 * What a workspace asks of a new password: a minimum length (never under {@link #FLOOR}) and, unless
 * an admin turned it off, not one of the most common passwords nor an easy variant of one.
 *
 * <p>"Common" is zxcvbn's judgement over the ~30,000 most used passwords, English words and names it
 * bundles, with l33t spellings, reversals, appended years, repeats and keyboard walks: a password it
 * expects to fall within a million guesses (its score 0 or 1) is refused. The person's own address and
 * name count as known words too ("alice@example.com" makes "alice2024!!" weak). Nothing leaves the
 * server: this is the bundled list, not a breach service on the internet.
 */
public record PasswordRules(int minLength, boolean refuseCommon) {
    public static final int FLOOR = 10;
    public static final int CEILING = 128;
    /** Longer passwords are refused whatever the policy: hashing megabytes on request is a denial of service. */
    public static final int MAX_LENGTH = 200;
    public static final PasswordRules DEFAULT = new PasswordRules(FLOOR, true);

    /** zxcvbn's estimate below 10^6 guesses: minutes for an attacker online, no time at all offline. */
    private static final int WEAKEST_ACCEPTED_SCORE = 2;

    private static final Zxcvbn ESTIMATOR = new Zxcvbn(); // thread-safe; loads its dictionaries once

    /**
     * The estimator's work grows steeply with length and with the number of different symbols it tries
     * as letters (l33t): a crafted 200-character password costs it tens of seconds, the first 32 of it
     * about 0.15 s here. So it judges the first 32 characters (a longer password is at least as strong as
     * its start: "password" followed by random characters passes, "password" repeated does not), two at
     * a time at most; the doors where a stranger can send a password count their requests before.
     */
    static final int JUDGED_PREFIX = 32;
    private static final java.util.concurrent.Semaphore ESTIMATING = new java.util.concurrent.Semaphore(2, true);

    public PasswordRules {
        if (minLength < FLOOR || minLength > CEILING) {
            throw new InvalidInputException("password_min_length", "must be between " + FLOOR + " and " + CEILING);
        }
    }

    /** Why the password is not acceptable, in words for the person choosing it; empty when it is. */
    public Optional<String> problem(String password, String... knownWords) {
        if (password == null || password.length() < minLength) {
            return Optional.of("must have at least " + minLength + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must have at most " + MAX_LENGTH + " characters");
        }
        if (refuseCommon) {
            List<String> words = new ArrayList<>();
            for (String word : knownWords) {
                if (word != null && !word.isBlank()) {
                    String lower = word.toLowerCase(Locale.ROOT);
                    words.add(lower);
                    // an address's parts are words people build passwords from
                    for (String part : lower.split("[@.\\s_+-]+")) {
                        if (part.length() >= 3) {
                            words.add(part);
                        }
                    }
                }
            }
            String judged = password.length() > JUDGED_PREFIX ? password.substring(0, password.offsetByCodePoints(0,
                    Math.min(JUDGED_PREFIX, password.codePointCount(0, password.length())))) : password;
            Strength strength = estimate(judged, words);
            if (strength.getScore() < WEAKEST_ACCEPTED_SCORE) {
                String warning = strength.getFeedback() == null ? "" : strength.getFeedback().getWarning();
                return Optional.of("is too easy to guess" + (warning == null || warning.isBlank() ? "" : ": " + lowerFirst(warning))
                        + " Try a few unrelated words.");
            }
        }
        return Optional.empty();
    }

    private static Strength estimate(String password, List<String> words) {
        try {
            if (!ESTIMATING.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new org.relaydesk.core.error.TooManyRequestsException("The server is busy checking passwords; try again in a moment", 5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.relaydesk.core.error.TooManyRequestsException("The server is busy checking passwords; try again in a moment", 5);
        }
        try {
            return ESTIMATOR.measure(password, words);
        } finally {
            ESTIMATING.release();
        }
    }

    /** Throws a field error on {@code field} when the password is not acceptable. */
    public void require(String field, String password, String... knownWords) {
        problem(password, knownWords).ifPresent(problem -> {
            throw new InvalidInputException(field, problem);
        });
    }

    private static String lowerFirst(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
