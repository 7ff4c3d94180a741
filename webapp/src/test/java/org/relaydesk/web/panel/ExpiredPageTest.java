package org.relaydesk.web.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** "Reload the page" on /expired leads back into this site only. */
class ExpiredPageTest {
    @Test
    void keepsAPathOfThisSite() {
        assertThat(ExpiredPage.localPage("/agent/tickets/1042")).isEqualTo("/agent/tickets/1042");
        assertThat(ExpiredPage.localPage("/agent/tickets?view=all&sort=-created_at")).isEqualTo("/agent/tickets?view=all&sort=-created_at");
        assertThat(ExpiredPage.localPage("/login")).isEqualTo("/login");
    }

    @Test
    void anythingElseLeadsToTheStartPage() {
        assertThat(ExpiredPage.localPage(null)).isEqualTo("/");
        assertThat(ExpiredPage.localPage("https://evil.test/")).isEqualTo("/");
        assertThat(ExpiredPage.localPage("//evil.test/")).isEqualTo("/");
        assertThat(ExpiredPage.localPage("/\\evil.test/")).isEqualTo("/");
        assertThat(ExpiredPage.localPage("javascript:alert(1)")).isEqualTo("/");
        assertThat(ExpiredPage.localPage("/agent\"><script>")).isEqualTo("/");
        assertThat(ExpiredPage.localPage("/a\r\nSet-Cookie: x=1")).isEqualTo("/");
    }
}
