package org.relaydesk.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecureSessionCookieTest {
    @Test
    void anHttpsAddressMakesTheCookieSecure() {
        assertThat(SecureSessionCookie.servedOverHttps("https://help.example.com")).isTrue();
        assertThat(SecureSessionCookie.servedOverHttps(" HTTPS://help.example.com/")).isTrue();
        assertThat(SecureSessionCookie.servedOverHttps("http://localhost:8080")).isFalse();
        assertThat(SecureSessionCookie.servedOverHttps("")).isFalse();
    }
}
