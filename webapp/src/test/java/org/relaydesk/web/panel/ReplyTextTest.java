package org.relaydesk.web.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reply box is plain text: what the agent typed is what the customer reads, never markup. */
class ReplyTextTest {
    @Test
    void paragraphsAndLineBreaksAreKeptAndMarkupIsEscaped() {
        assertThat(TicketView.toHtml("Hi Jane,\n\nline one\nline two\n\n\n  <b>bold?</b> & more  "))
                .isEqualTo("<p>Hi Jane,</p><p>line one<br>line two</p><p>&lt;b&gt;bold?&lt;/b&gt; &amp; more</p>");
    }

    @Test
    void windowsLineEndingsCountToo() {
        assertThat(TicketView.toHtml("a\r\n\r\nb\r\nc")).isEqualTo("<p>a</p><p>b<br>c</p>");
    }
}
