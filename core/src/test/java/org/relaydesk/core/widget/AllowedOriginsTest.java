package org.relaydesk.core.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relaydesk.core.error.InvalidInputException;

class AllowedOriginsTest {
    private final AllowedOrigins shop = AllowedOrigins.parse("shop.example.com\n*.brand.test\nhttp://localhost:8080\nhttps://Bücher.example/\nmy_shop.test");

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example.com", "https://SHOP.example.com", "https://shop.example.com:443", "https://shop.example.com.",
            "https://www.brand.test", "https://a.b.brand.test", "http://localhost:8080", "https://xn--bcher-kva.example", "https://my_shop.test"})
    void theSitesItNamesMayShowTheWidget(String origin) {
        assertThat(shop.allows(origin)).as(origin).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://shop.example.com", "https://shop.example.com:8443", "https://shop.example.com.evil.test",
            "https://evilshop.example.com", "https://example.com", "https://brand.test", "https://evilbrand.test", "https://brand.test.evil.test",
            "http://localhost", "http://localhost:8081", "https://localhost:8080", "null", "", "   ", "file://", "https://",
            "https://shop.example.com/path", "https://user@shop.example.com", "https://shop.example.com?x", "https://shop.example.com#x",
            "javascript:alert(1)", "https://shop%2eexample.com", "https://shop.example.com%00.evil.test", "https://shop..example.com",
            "https://-shop.example.com", "data:text/html,x", "https://*.brand.test"})
    void anyOtherOriginIsRefused(String origin) {
        assertThat(shop.allows(origin)).as(origin).isFalse();
        assertThat(shop.allows(null)).isFalse();
    }

    @Test
    void whatIsStoredIsNormalisedAndWithoutDuplicates() {
        assertThat(AllowedOrigins.parse("https://Shop.Example.com/\nshop.example.com, http://localhost:80\n*.Brand.test").text())
                .isEqualTo("https://shop.example.com\nhttp://localhost\nhttps://*.brand.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://shop.example.com", "https://shop.example.com/path", "*.com.", "*", "https://*", "shop .example.com",
            "https://user:pw@shop.example.com", "https://sh*p.example.com", "https://shop.example.com:99999", "<script>", "*.0.0.1", "*.[::1]"})
    void whatIsNotASiteIsRefusedByName(String line) {
        assertThatThrownBy(() -> AllowedOrigins.parse("shop.example.com\n" + line)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("allowed_origins");
    }

    @Test
    void atLeastOneSiteAndNotTooMany() {
        assertThatThrownBy(() -> AllowedOrigins.parse(" \n ")).isInstanceOf(InvalidInputException.class);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= AllowedOrigins.MAX_ENTRIES; i++) {
            many.append("s").append(i).append(".example.com\n");
        }
        assertThatThrownBy(() -> AllowedOrigins.parse(many.toString())).isInstanceOf(InvalidInputException.class);
    }
}
