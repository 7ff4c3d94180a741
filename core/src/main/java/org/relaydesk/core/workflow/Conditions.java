package org.relaydesk.core.workflow;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.relaydesk.api.workflow.ActionContext.TicketSnapshot;

/**
 * A rule's conditions: all of them must hold, or any one. No conditions: always. Whether it is within
 * business hours is asked only of a rule that tests it (it takes a look at the calendar).
 */
public record Conditions(boolean matchAll, List<Condition> conditions) {
    public Conditions {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public boolean holdFor(TicketSnapshot ticket, BooleanSupplier withinBusinessHours) {
        if (conditions.isEmpty()) {
            return true;
        }
        return matchAll ? conditions.stream().allMatch(c -> c.holds(ticket, withinBusinessHours))
                : conditions.stream().anyMatch(c -> c.holds(ticket, withinBusinessHours));
    }

    /** Each condition with its outcome, for a dry run. */
    public List<String> explain(TicketSnapshot ticket, BooleanSupplier withinBusinessHours) {
        return conditions.stream().map(c -> (c.holds(ticket, withinBusinessHours) ? "holds: " : "fails: ") + c.field() + " " + c.operator()
                + (c.value() == null ? "" : " " + c.value())).toList();
    }
}
