package org.relaydesk.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathsTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "/agent/%2e%2e/admin/users", "/agent/%2E%2E/admin/users", "/agent/.%2e/admin/users", "/agent/%2e./admin/users",
        "/agent/../admin/users", "/agent/./../admin/users", "/agent/tickets/..", "/agent/.", "//admin/users", "/agent//admin",
        "/agent%2fadmin/users", "/agent%2F..%2Fadmin/users", "/agent\\..\\admin/users", "/agent%5c..%5cadmin",
        "/agent/..;/admin/users", "/agent;jsessionid=1/../admin", "/admin;/users", "/agent/%3b/x",
        "/agent/%252e%252e/admin/users", "/agent/%00/x", "/agent/\u0000", "/agent/%0d%0aSet-Cookie:x", "/agent/%7f",
        "agent/tickets", "", "/..", "/."
    })
    void refusesPathsThatMeanOneThingRawAndAnotherServed(String raw) {
        assertThat(RequestPaths.ambiguous(raw)).as(raw).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/", "/login", "/agent/tickets", "/agent/tickets/1042", "/admin/users", "/admin/workflows/new",
        "/jakarta.faces.resource/theme.css.xhtml", "/api/tickets/0190f7c4-5e1f-7d2a-9b3c-1a2b3c4d5e6f/comments",
        "/api/tags/needs%20review", "/track.html", "/agent/tickets.xhtml", "/api/public/channels/abc/form.js", "/.well-known/security.txt"
    })
    void servesOrdinaryPaths(String raw) {
        assertThat(RequestPaths.ambiguous(raw)).as(raw).isFalse();
    }
}
