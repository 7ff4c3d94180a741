package org.relaydesk.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.api.workflow.ActionContext.TicketSnapshot;

class ConditionsTest {
    private static final UUID TEAM = UUID.randomUUID();
    private final TicketSnapshot ticket = new TicketSnapshot(UUID.randomUUID(), 1042, "Refund for order 7781", "The parcel never arrived",
            TicketStatus.OPEN, TicketPriority.HIGH, "email", "Anna@BigCustomer.com", null, TEAM, null, Set.of("vip", "shipping"),
            Map.of("plan", "Enterprise"));

    private static Condition c(String field, String operator, String value) {
        return new Condition(field, operator, value);
    }

    @Test
    void fieldsOperatorsAndValues() {
        assertThat(c("subject", "contains", "REFUND").holds(ticket, () -> false)).isTrue();
        assertThat(c("subject", "starts_with", "order").holds(ticket, () -> false)).isFalse();
        assertThat(c("requester_email", "ends_with", "@bigcustomer.com").holds(ticket, () -> false)).as("case ignored").isTrue();
        assertThat(c("priority", "at_least", "high").holds(ticket, () -> false)).isTrue();
        assertThat(c("priority", "at_least", "urgent").holds(ticket, () -> false)).isFalse();
        assertThat(c("priority", "at_most", "medium").holds(ticket, () -> false)).isFalse();
        assertThat(c("status", "in", "new, open").holds(ticket, () -> false)).isTrue();
        assertThat(c("channel", "is_not", "portal").holds(ticket, () -> false)).isTrue();
        assertThat(c("tags", "has", "VIP").holds(ticket, () -> false)).isTrue();
        assertThat(c("tags", "has_not", "vip").holds(ticket, () -> false)).isFalse();
        assertThat(c("team_id", "is", TEAM.toString()).holds(ticket, () -> false)).isTrue();
        assertThat(c("assignee_id", "not_set", null).holds(ticket, () -> false)).isTrue();
        assertThat(c("custom.plan", "is", "enterprise").holds(ticket, () -> false)).isTrue();
        assertThat(c("custom.region", "is_set", null).holds(ticket, () -> false)).isFalse();
        assertThat(c("business_hours", "is", "true").holds(ticket, () -> true)).isTrue();
        assertThat(c("business_hours", "is", "true").holds(ticket, () -> false)).isFalse();
    }

    @Test
    void allOrAny() {
        List<Condition> both = List.of(c("tags", "has", "vip"), c("priority", "is", "low"));
        assertThat(new Conditions(true, both).holdFor(ticket, () -> false)).isFalse();
        assertThat(new Conditions(false, both).holdFor(ticket, () -> false)).isTrue();
        assertThat(new Conditions(true, List.of()).holdFor(ticket, () -> false)).as("no conditions: always").isTrue();
        assertThat(new Conditions(true, both).explain(ticket, () -> false)).containsExactly("holds: tags has vip", "fails: priority is low");
    }

    @Test
    void theCalendarIsAskedOnlyByARuleThatTestsBusinessHours() {
        java.util.function.BooleanSupplier calendar = () -> {
            throw new AssertionError("business hours looked up for a rule that does not test them");
        };
        assertThat(new Conditions(true, List.of(c("tags", "has", "vip"))).holdFor(ticket, calendar)).isTrue();
        int[] asked = {0};
        assertThat(new Conditions(true, List.of(c("business_hours", "is", "false"))).holdFor(ticket, () -> ++asked[0] > 1)).isTrue();
        assertThat(asked[0]).isEqualTo(1);
    }

    @Test
    void onlyValidFieldsOperatorsAndValuesAreAccepted() {
        assertThat(c("subject", "contains", "x").problem()).isNull();
        assertThat(c("colour", "is", "red").problem()).contains("not a field");
        assertThat(c("tags", "starts_with", "v").problem()).contains("cannot be used with tags");
        assertThat(c("subject", "contains", " ").problem()).contains("needs a value");
        assertThat(c("priority", "is", "whenever").problem()).contains("not a priority");
        assertThat(c("assignee_id", "is_set", null).problem()).isNull();
    }
}
