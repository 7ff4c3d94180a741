package org.relaydesk.web.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What agents type into the merge and "/" shortcut inputs, read the way they mean it. */
class TicketActionsInputTest {
    @Test
    void aCannedResponseGoesWhereTheShortcutWasTyped() {
        assertThat(TicketView.insertAt("Hello . Bye", 6, "THANKS")).isEqualTo("Hello THANKS. Bye");
        assertThat(TicketView.insertAt(null, 0, "THANKS")).isEqualTo("THANKS");
        assertThat(TicketView.insertAt("abc", 99, "!")).as("a caret past the end means the end").isEqualTo("abc!");
        assertThat(TicketView.insertAt("abc", -4, "!")).isEqualTo("!abc");
    }

    @Test
    void theTicketToMergeIntoIsTheFirstNumberOfTheChoice() {
        assertThat(TicketView.leadingNumber("#1002 · Printer on fire since 2019")).isEqualTo(1002L);
        assertThat(TicketView.leadingNumber("#TKT-1002 · Printer")).isEqualTo(1002L);
        assertThat(TicketView.leadingNumber("  1002")).isEqualTo(1002L);
        assertThat(TicketView.leadingNumber("printer")).isNull();
        assertThat(TicketView.leadingNumber(null)).isNull();
    }
}
