package org.relaydesk.web.panel.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.MessageTemplate;
import org.relaydesk.core.channel.TemplateService;

/** The template picker fills in what the ticket knows and leaves the rest to the agent. */
class TemplateVariableGuessTest {
    private static final Map<String, String> KNOWN = Map.of("customer_name", "Dana Dormant", "ticket_number", "#1042", "agent_name", "Alice");

    private static TemplateService.Template template(String header, String body, MessageTemplate.Variable... variables) {
        return new TemplateService.Template(UUID.randomUUID(), UUID.randomUUID(), "order_update", "en_US", "UTILITY", "approved", null, header, body,
                null, List.of(), List.of(variables), Instant.now());
    }

    @Test
    void aGreetingAsksForTheCustomersNameAndAnOrderOrTicketForTheNumber() {
        var name = new MessageTemplate.Variable("body.1", "Body {{1}}", "Ann");
        var day = new MessageTemplate.Variable("body.2", "Body {{2}}", "Tuesday");
        var order = new MessageTemplate.Variable("header.1", "Header {{1}}", "#1001");
        var t = template("Order {{1}}", "Hi {{1}}, your order ships on {{2}}.", order, name, day);
        assertThat(MessagingReply.guess(t, name, KNOWN)).isEqualTo("Dana Dormant");
        assertThat(MessagingReply.guess(t, order, KNOWN)).isEqualTo("#1042");
        assertThat(MessagingReply.guess(t, day, KNOWN)).as("nothing the ticket knows").isEmpty();
    }

    @Test
    void labelsAndExamplesNamingWhatTheyAskForAreHeard() {
        var agent = new MessageTemplate.Variable("body.1", "Agent name", null);
        var customer = new MessageTemplate.Variable("body.2", "Customer name", null);
        var t = template(null, "{{1}} here. Thanks {{2}}!", agent, customer);
        assertThat(MessagingReply.guess(t, agent, KNOWN)).isEqualTo("Alice");
        assertThat(MessagingReply.guess(t, customer, KNOWN)).isEqualTo("Dana Dormant");
    }

    @Test
    void aPageNumberThatIsNoneShowsTheFirstPage() {
        assertThat(WhatsAppInboxView.parsePage("3")).isEqualTo(3);
        assertThat(WhatsAppInboxView.parsePage(null)).isEqualTo(1);
        assertThat(WhatsAppInboxView.parsePage("0")).isEqualTo(1);
        assertThat(WhatsAppInboxView.parsePage("-2")).isEqualTo(1);
        assertThat(WhatsAppInboxView.parsePage("abc")).isEqualTo(1);
        assertThat(WhatsAppInboxView.parsePage("99999999999")).isEqualTo(1);
    }
}
