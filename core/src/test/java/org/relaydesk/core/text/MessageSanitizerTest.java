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

    @Test
    void textFromAPlainBoxStaysTextEvenWhenItLooksLikeMarkup() {
        assertThat(MessageSanitizer.plainToHtml("Hi Jane,\n\nline one\nline two\n\n\n  <b>bold?</b> & more  "))
                .isEqualTo("<p>Hi Jane,</p><p>line one<br>line two</p><p>  &lt;b&gt;bold?&lt;/b&gt; &amp; more</p>");
        assertThat(MessageSanitizer.plainToHtml("a\r\n\r\nb\r\nc")).as("Windows line endings").isEqualTo("<p>a</p><p>b<br>c</p>");
    }

    @Test
    void whatTheReplyEditorSendsKeepsItsFormatting() {
        // Quill's semantic HTML: paragraphs, strong/em, real lists, code blocks, links
        SanitizedBody body = MessageSanitizer.sanitize("<p><strong>Refund</strong> <em>approved</em></p>"
                + "<ul><li>first step</li><li>second step</li></ul><pre>order 42</pre>"
                + "<p><a href=\"https://example.com/help\" target=\"_blank\">help</a></p>");
        assertThat(body.html()).contains("<strong>Refund</strong>", "<em>approved</em>", "<ul><li>first step</li><li>second step</li></ul>",
                "<pre>order 42</pre>", "href=\"https://example.com/help\"");
        assertThat(body.text()).isEqualTo("Refund approved\n\n- first step\n- second step\norder 42\nhelp");
    }

    @Test
    void noBodyIsNoText() {
        // a ticket opened with a subject only has no description to quote under a reply
        assertThat(MessageSanitizer.htmlToText(null)).isEmpty();
        assertThat(MessageSanitizer.htmlToText("  ")).isEmpty();
    }
}
