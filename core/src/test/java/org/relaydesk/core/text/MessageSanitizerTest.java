package org.relaydesk.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.relaydesk.core.ticket.SanitizedBody;

class MessageSanitizerTest {
    @Test
    void removesScriptsAndEventHandlersButKeepsFormatting() {
        SanitizedBody body = MessageSanitizer.sanitize(
                "<p onclick=\"steal()\">Hello <b>there</b><script>alert(1)</script></p><a href=\"javascript:x()\">x</a>");
        assertThat(body.html()).contains("<b>there</b>").doesNotContain("script", "onclick", "javascript:");
        assertThat(body.text()).isEqualTo("Hello there\nx");
    }

    @Test
    void escapesPlainTextAndKeepsLineBreaks() {
        SanitizedBody body = MessageSanitizer.sanitize("Hi <team> & co,\nline two\n\nNew paragraph");
        assertThat(body.html()).isEqualTo("<p>Hi &lt;team&gt; &amp; co,<br>line two</p><p>New paragraph</p>");
        assertThat(body.text()).isEqualTo("Hi <team> & co,\nline two\n\nNew paragraph");
    }

    @Test
    void linksGetSafeRelAttributes() {
        assertThat(MessageSanitizer.sanitize("<a href=\"https://example.com\">docs</a>").html())
                .contains("href=\"https://example.com\"").contains("nofollow");
    }
}
