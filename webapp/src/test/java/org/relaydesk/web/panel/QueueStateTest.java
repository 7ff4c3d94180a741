package org.relaydesk.web.panel;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A saved view is the queue's state as JSON: reading it back gives the same queue. */
class QueueStateTest {
    @Test
    void everyChoiceSurvivesTheRoundTrip() {
        QueueState state = new QueueState();
        state.setView("open");
        state.setStatuses(List.of("open", "in_progress"));
        state.setPriorities(List.of("urgent"));
        state.setAssignee("none");
        state.setTag("vip");
        state.setQuery("refund");
        state.setSort("oldest");
        state.setChannel("email");
        state.setRequester("Jane Doe <jane@example.com>");
        state.setCreated(List.of(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)));

        QueueState back = QueueState.fromJson(state.toJson());

        assertThat(back.toJson()).isEqualTo(state.toJson());
        assertThat(back.getCreated()).containsExactly(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
        assertThat(back.getStatuses()).containsExactly("open", "in_progress");
    }

    @Test
    void aDamagedViewFallsBackToDefaultsInsteadOfFailing() {
        QueueState back = QueueState.fromJson(Json.createObjectBuilder().add("statuses", "not a list")
                .add("created", Json.createArrayBuilder().add("yesterday").add("today")).build());
        assertThat(back.getStatuses()).isEmpty();
        assertThat(back.getCreated()).isEmpty();
        assertThat(back.getView()).isEqualTo("all");
    }
}
