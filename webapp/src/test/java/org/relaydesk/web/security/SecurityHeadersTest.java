package org.relaydesk.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
    @Test
    void panelsLoadImagesFromThisServerOnly() {
        String policy = SecurityHeaders.forPath("/agent/ticket").get("Content-Security-Policy");
        assertThat(policy).contains("img-src 'self' data: blob:;").doesNotContain("img-src *").doesNotContain("https:");
        assertThat(policy).contains("default-src 'self'", "frame-ancestors 'self'", "object-src 'none'");
        assertThat(SecurityHeaders.forPath("/login")).containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "same-origin").containsKey("Content-Security-Policy");
    }

    @Test
    void apiAnswersAreNeverCachedNorRendered() {
        assertThat(SecurityHeaders.forPath("/api/tickets")).containsEntry("Cache-Control", "no-store")
                .containsEntry("Content-Security-Policy", SecurityHeaders.API_POLICY).containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(SecurityHeaders.forPath("/api/public/tickets/x")).containsEntry("Cache-Control", "no-store")
                .containsEntry("Referrer-Policy", "no-referrer");
    }

    @Test
    void theStatusPageSendsNoRefererAndRunsOnlyItsOwnScript() {
        assertThat(SecurityHeaders.forPath("/track.html")).containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("Content-Security-Policy", SecurityHeaders.STATUS_PAGE_POLICY);
        assertThat(SecurityHeaders.STATUS_PAGE_POLICY).contains("script-src 'self';").doesNotContain("unsafe");
    }

    @Test
    void aChannelPluginsFramedFormKeepsItsOwnPolicy() {
        assertThat(SecurityHeaders.forPath("/api/public/channels/abc/form")).doesNotContainKeys("Content-Security-Policy", "Cache-Control")
                .containsEntry("X-Content-Type-Options", "nosniff");
    }
}
