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
            Strength strength = ESTIMATOR.measure(password, words);
            if (strength.getScore() < WEAKEST_ACCEPTED_SCORE) {
                String warning = strength.getFeedback() == null ? "" : strength.getFeedback().getWarning();
                return Optional.of("is too easy to guess" + (warning == null || warning.isBlank() ? "" : ": " + lowerFirst(warning))
                        + " Try a few unrelated words.");
            }
        }
        return Optional.empty();
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
