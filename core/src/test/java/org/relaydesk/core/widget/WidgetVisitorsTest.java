package org.relaydesk.core.widget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WidgetVisitorsTest {
    @Test
    void theSignatureIsTheHexHmacSha256ThatAnySitesServerComputes() {
        // RFC 4231-style check with the widely published vector (PHP: hash_hmac('sha256', $message, 'key'))
        assertThat(WidgetVisitors.hmac("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void aSignedIdentityIsTheAddressInLowerCaseAfterEmailColon() {
        assertThat(WidgetVisitors.signature("s3cret", " Ann@Example.COM ")).isEqualTo(WidgetVisitors.hmac("s3cret", "email:ann@example.com"))
                .as("a user id that looks like an address is not signed the same").isNotEqualTo(WidgetVisitors.hmac("s3cret", "ann@example.com"));
    }
}
