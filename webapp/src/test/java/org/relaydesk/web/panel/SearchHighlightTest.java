package org.relaydesk.web.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.relaydesk.core.ticket.TicketSearch;
import org.relaydesk.web.panel.agent.SearchView;

class SearchHighlightTest {
    @Test
    void matchesAreMarkedAndTheTextAroundThemStaysText() {
        String excerpt = "my " + TicketSearch.MARK_START + "invoice" + TicketSearch.MARK_END + " shows <script>alert(1)</script> & more";
        assertThat(SearchView.highlight(excerpt))
                .isEqualTo("my <mark>invoice</mark> shows &lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    }

    @Test
    void noExcerptIsAnEmptyOne() {
        assertThat(SearchView.highlight(null)).isEmpty();
    }
}
