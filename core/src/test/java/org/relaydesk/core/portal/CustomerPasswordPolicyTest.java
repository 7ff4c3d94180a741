package org.relaydesk.core.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.policy.PasswordRules;

/** What a customer's password must be, and which domains never make an organisation. */
class CustomerPasswordPolicyTest {
    @Test
    void refusesShortCommonRepetitiveOrAddressLikePasswords() {
        for (String weak : new String[] {null, "", "short", "password123", "1234567890", "abababababab", "kim.park@example.com",
                "KIM.PARK-rocks", "x".repeat(201), "P@ssw0rd1234", "letmein2020", "qwertyuiop12"}) {
            assertThatThrownBy(() -> CustomerAccounts.requireGoodPassword(PasswordRules.DEFAULT, weak, "kim.park@example.com")).as(String.valueOf(weak))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThatCode(() -> CustomerAccounts.requireGoodPassword(PasswordRules.DEFAULT, "correct horse battery", "kim.park@example.com")).doesNotThrowAnyException();
        assertThatCode(() -> CustomerAccounts.requireGoodPassword(PasswordRules.DEFAULT, "my kim 2024 pass", "kim@example.com"))
                .as("a short local part inside a passphrase is fine").doesNotThrowAnyException();
    }

    @Test
    void webmailDomainsAreNoOrganisation() {
        assertThat(WebmailDomains.isWebmail("gmail.com")).isTrue();
        assertThat(WebmailDomains.isWebmail("GMAIL.COM")).isTrue();
        assertThat(WebmailDomains.isWebmail("proton.me")).isTrue();
        assertThat(WebmailDomains.isWebmail(null)).as("no domain shares nothing").isTrue();
        assertThat(WebmailDomains.isWebmail("initech.com")).isFalse();
    }
}
