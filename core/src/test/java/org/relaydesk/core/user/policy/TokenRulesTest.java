package org.relaydesk.core.user.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.user.Role;

class TokenRulesTest {
    @Test
    void rolesFromTheLowestAllowedUpMayHaveTokens() {
        TokenRules supervisors = new TokenRules(Optional.of(Role.SUPERVISOR), 30);
        assertThat(supervisors.allows(Role.AGENT)).isFalse();
        assertThat(supervisors.allows(Role.SUPERVISOR)).isTrue();
        assertThat(supervisors.allows(Role.ADMIN)).isTrue();
        assertThat(new TokenRules(Optional.empty(), 30).allows(Role.ADMIN)).isFalse();
        assertThat(TokenRules.DEFAULT.allows(Role.AGENT)).isTrue();
    }

    @Test
    void theRuleIsNamedAsTheApiNamesIt() {
        assertThat(TokenRules.parseFor("nobody")).isEmpty();
        assertThat(TokenRules.parseFor("admin")).contains(Role.ADMIN);
        assertThat(new TokenRules(Optional.empty(), 1).forName()).isEqualTo("nobody");
        assertThatThrownBy(() -> TokenRules.parseFor("root")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new TokenRules(Optional.of(Role.AGENT), 366)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new TokenRules(Optional.of(Role.AGENT), 0)).isInstanceOf(InvalidInputException.class);
    }
}
