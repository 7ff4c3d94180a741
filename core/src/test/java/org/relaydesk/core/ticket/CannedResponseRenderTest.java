package org.relaydesk.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.canned.CannedResponse;

class CannedResponseRenderTest {
    @Test
    void fillsKnownVariablesAndCountsUses() {
        CannedResponse response = new CannedResponse("Thanks", "Thanks", "General",
                "Hi {{customer_name}}, about {{ ticket_number }}: {{unknown}} — {{agent_name}}");
        String text = response.use(Map.of("customer_name", "Jo $1", "ticket_number", "#1001", "agent_name", "Alice"));
        assertThat(text).isEqualTo("Hi Jo $1, about #1001: {{unknown}} — Alice");
        assertThat(response.usageCount()).isEqualTo(1);
        assertThat(response.shortcut()).isEqualTo("thanks");
    }
}
