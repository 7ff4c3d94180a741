package org.relaydesk.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.ticket.Ticket;

/** Which policy a ticket gets: the conditioned ones in order, then the default as the fallback. */
class SlaPolicyChoiceTest {
    private static SlaPolicy policy(String name, int position, String conditions, boolean isDefault) {
        SlaPolicy policy = new SlaPolicy(name);
        policy.define(name, position, false, null, 480, 480, 1440, "{}", conditions, 75);
        policy.markDefault(isDefault);
        return policy;
    }

    private static Ticket ticket(String email, TicketPriority priority) {
        Ticket ticket = new Ticket(1001, "Printer on fire", null, Contact.withEmail("Pat", email));
        ticket.changePriority(priority, Instant.parse("2026-12-04T10:00:00Z"));
        return ticket;
    }

    @Test
    void aNewDefaultTakesEveryTicketNoConditionedPolicyTakesEvenWhenTheOldDefaultComesFirst() {
        // the admin made "Premium" the default: "Standard", first in order and without conditions, is the default no more
        SlaPolicy standard = policy("Standard", 0, "{}", false);
        SlaPolicy premium = policy("Premium", 1, "{}", true);
        SlaPolicy vip = policy("VIP", 2, "{\"requester_domains\": [\"vip.test\"]}", false);
        List<SlaPolicy> inOrder = List.of(standard, premium, vip);

        assertThat(SlaPolicy.choose(inOrder, ticket("someone@customer.test", TicketPriority.MEDIUM))).isSameAs(premium);
        assertThat(SlaPolicy.choose(inOrder, ticket("cfo@vip.test", TicketPriority.MEDIUM))).as("conditions first").isSameAs(vip);
    }

    @Test
    void conditionedPoliciesAreTriedInOrderAndEmptyListsAreNoCondition() {
        SlaPolicy urgent = policy("Urgent", 0, "{\"priorities\": [\"urgent\"], \"channels\": []}", false);
        SlaPolicy emptyLists = policy("Nothing chosen", 1, "{\"priorities\": [], \"channels\": []}", false);
        SlaPolicy anyVip = policy("VIP", 2, "{\"requester_domains\": [\"vip.test\"]}", false);
        SlaPolicy standard = policy("Standard", 3, "{}", true);
        List<SlaPolicy> inOrder = List.of(urgent, emptyLists, anyVip, standard);

        assertThat(emptyLists.hasConditions()).isFalse();
        assertThat(urgent.hasConditions()).isTrue();
        assertThat(SlaPolicy.choose(inOrder, ticket("cfo@vip.test", TicketPriority.URGENT))).as("the first that fits").isSameAs(urgent);
        assertThat(SlaPolicy.choose(inOrder, ticket("cfo@vip.test", TicketPriority.LOW))).isSameAs(anyVip);
        assertThat(SlaPolicy.choose(inOrder, ticket("pat@other.test", TicketPriority.LOW))).isSameAs(standard);
    }

    @Test
    void withoutAnyPolicyThereIsNone() {
        assertThat(SlaPolicy.choose(List.of(policy("Idle", 0, "{}", false)), ticket("pat@other.test", TicketPriority.LOW))).isNull();
    }
}
