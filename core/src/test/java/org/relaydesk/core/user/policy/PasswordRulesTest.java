package org.relaydesk.core.user.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

class PasswordRulesTest {
    private final PasswordRules rules = PasswordRules.DEFAULT;

    @Test
    void commonPasswordsAndTheirEasyVariantsAreRefusedWithAReason() {
        for (String common : new String[] {"password123", "1234567890", "qwertyuiop", "P@ssw0rd1234", "iloveyou12", "letmein2020",
                "aaaaaaaaaaaa", "drowssap123"}) {
            assertThat(rules.problem(common)).as(common).hasValueSatisfying(problem -> assertThat(problem).startsWith("is too easy to guess"));
        }
        assertThat(rules.problem("password123")).hasValueSatisfying(problem -> assertThat(problem).contains("common password"));
    }

    @Test
    void passphrasesAndRandomPasswordsPass() {
        for (String good : new String[] {"correct-horse-battery", "demo-password-1", "tP7#qz!rW2vx", "walnut orbit canal 42"}) {
            assertThat(rules.problem(good)).as(good).isEmpty();
        }
    }

    @Test
    void thePersonsOwnAddressAndNameAreKnownWords() {
        assertThat(rules.problem("brekkolund99", null, "")).as("an unusual word and digits").isEmpty();
        assertThat(rules.problem("brekkolund99", "brekkolund@initech.com", "Kim Park")).as("the person's own address and digits").isPresent();
        assertThat(rules.problem("xylofarm2024", "kim@initech.com", "Xylofarm")).as("the person's name and a year").isPresent();
    }

    @Test
    void lengthFollowsTheWorkspaceAndHasAFloorAndACeiling() {
        PasswordRules longer = new PasswordRules(16, true);
        assertThat(longer.problem("tP7#qz!rW2vx")).contains("must have at least 16 characters");
        assertThat(longer.problem("walnut orbit canal 42")).isEmpty();
        assertThat(rules.problem(null)).contains("must have at least 10 characters");
        assertThat(rules.problem("a".repeat(40) + "Zq9!".repeat(50))).contains("must have at most 200 characters");
        assertThatThrownBy(() -> new PasswordRules(8, true)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new PasswordRules(129, true)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void longPasswordsAreJudgedByTheirStart() {
        assertThat(rules.problem("password".repeat(25))).as("a common word repeated").isPresent();
        assertThat(rules.problem("password" + "XqmWvLrKtBzHnPsJdFcGaYe".repeat(8))).as("a random tail").isEmpty();
        // what would cost the estimator tens of seconds whole: judged by its start, in a fraction of a second
        assertThat(rules.problem("4@8({[</369&#!1/|0$5+7%2/".repeat(9).substring(0, 200))).isEmpty();
    }

    @Test
    void aWorkspaceMayAllowCommonPasswordsButNotShortOnes() {
        PasswordRules lax = new PasswordRules(10, false);
        assertThat(lax.problem("password123")).isEmpty();
        assertThat(lax.problem("password")).isPresent();
    }

    @Test
    void requireNamesTheField() {
        assertThatThrownBy(() -> rules.require("new_password", "1234567890"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKey("new_password"));
    }
}
