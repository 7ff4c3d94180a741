package org.relaydesk.web.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What agents type into the merge input, read the way they mean it. */
class TicketActionsInputTest {
    @Test
    void theTicketToMergeIntoIsTheFirstNumberOfTheChoice() {
        assertThat(TicketView.leadingNumber("#1002 · Printer on fire since 2019")).isEqualTo(1002L);
        assertThat(TicketView.leadingNumber("#TKT-1002 · Printer")).isEqualTo(1002L);
        assertThat(TicketView.leadingNumber("  1002")).isEqualTo(1002L);
        assertThat(TicketView.leadingNumber("printer")).isNull();
        assertThat(TicketView.leadingNumber(null)).isNull();
    }
}
