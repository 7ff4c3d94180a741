package org.relaydesk.plugin.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.InboundMessage;

/** Messages crafted to cost the parser far more than their size: each is refused or read within bounds, never an Error. */
class MimeBoundsTest {
    private static final String HEAD = "From: ann@customer.test\r\nSubject: crafted\r\nMessage-ID: <b@c.test>\r\nMIME-Version: 1.0\r\n";

    @Test
    void aMessageOfAMillionEmptyPartsIsRefusedBeforeItIsBuilt() {
        StringBuilder raw = new StringBuilder(HEAD + "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        raw.append("--b\r\n\r\n".repeat(1_000_000)).append("--b--\r\n");
        byte[] bytes = raw.toString().getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> MailParser.parse(bytes)).isInstanceOf(MessagingException.class).hasMessageContaining("1000001 MIME parts");
    }

    @Test
    void partsHiddenInABase64WrappedMessageAreCountedToo() {
        String inner = HEAD + "Content-Type: multipart/mixed; boundary=i\r\n\r\n" + "--i\r\n\r\nx\r\n".repeat(20_000) + "--i--\r\n";
        String outer = HEAD + "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(inner.getBytes(StandardCharsets.US_ASCII)) + "\r\n";
        assertThatThrownBy(() -> MailParser.parse(outer.getBytes(StandardCharsets.US_ASCII))).isInstanceOf(MessagingException.class)
                .hasMessageContaining("MIME parts");
    }

    @Test
    void aMessageLargerThanTheHostStoresIsRefused() {
        byte[] raw = new byte[MimeBounds.MOST_BYTES + 1];
        java.util.Arrays.fill(raw, (byte) 'a');
        assertThatThrownBy(() -> MailParser.parse(raw)).isInstanceOf(MessagingException.class).hasMessageContaining("larger than the 30 MB");
    }

    @Test
    void reportsNestedThousandsDeepAreOpenedOnlySoFar() throws Exception {
        // each report's second part is another report: the reader used to start counting depth again in each
        int levels = 3_000;
        StringBuilder raw = new StringBuilder(HEAD);
        for (int i = 0; i < levels; i++) {
            raw.append("Content-Type: multipart/report; report-type=delivery-status; boundary=r").append(i).append("\r\n\r\n--r").append(i)
                    .append("\r\nContent-Type: text/plain\r\n\r\nlevel ").append(i).append("\r\n--r").append(i).append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            raw.append("--r").append(i).append("--\r\n");
        }
        InboundMessage message = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> MailParser.parse(raw.toString().getBytes(StandardCharsets.US_ASCII)));
        assertThat(message.text()).contains("level 0").doesNotContain("level " + (MimeBounds.DEEPEST + 5));
        assertThat(message.automatic()).isTrue();
    }

    @Test
    void aMessageThreadsByItsLastHundredReferencesNotByAMillion() throws Exception {
        StringBuilder references = new StringBuilder("References:");
        for (int i = 0; i < 200_000; i++) {
            references.append(" <r").append(i).append("@c.test>");
        }
        String raw = HEAD + references + "\r\nIn-Reply-To: <r199999@c.test>\r\n\r\nthanks\r\n";
        InboundMessage message = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> MailParser.parse(raw.getBytes(StandardCharsets.US_ASCII)));
        assertThat(message.references()).hasSize(MimeBounds.MOST_REFERENCES).endsWith("r199999@c.test").startsWith("r199900@c.test");
    }

    @Test
    void aSenderHeaderOfMegabytesIsReadOnlyAsFarAsANameGoes() throws Exception {
        String raw = "From: " + "<".repeat(2_000_000) + "@" + "@".repeat(2_000_000) + "\r\nReply-To: ann@customer.test\r\nSubject: x\r\n\r\nhi\r\n";
        InboundMessage message = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> MailParser.parse(raw.getBytes(StandardCharsets.US_ASCII)));
        assertThat(message.fromAddress()).isEqualTo("ann@customer.test");
    }

    @Test
    void aReplyQuotingFiftyThousandLinesIsTrimmedInLinearTime() throws Exception {
        // the quoted tail was a regular expression that recursed once per line (StackOverflowError), and the quote headers
        // were searched from every blank line to the end (quadratic)
        String quoted = HEAD + "In-Reply-To: <relaydesk.1@example.test>\r\n\r\nThanks!\r\n" + "> earlier text\r\n".repeat(50_000);
        String blank = HEAD + "In-Reply-To: <relaydesk.1@example.test>\r\n\r\nThanks!" + "\r\n".repeat(200_000) + "x\r\n";
        InboundMessage trimmed = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> MailParser.parse(quoted.getBytes(StandardCharsets.US_ASCII)));
        assertThat(trimmed.text()).isEqualTo("Thanks!");
        InboundMessage spaced = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> MailParser.parse(blank.getBytes(StandardCharsets.US_ASCII)));
        assertThat(spaced.text()).startsWith("Thanks!").endsWith("x");
    }

    @Test
    void oddSenderHeadersEndTheReaderAtOnce() throws Exception {
        // found by the fuzz test: a ':' right after an angle address kept the mailbox reader in place, an unclosed quote in one threw
        for (String from : new String[] {"<ann@customer.test>: x", "\"unclosed <ann@customer.test>", "(unclosed <ann@customer.test>", "<ann@customer.test",
            "::::", ",,,;;;", "Group:;", "\\", "Ann <\"ann@customer.test>", "<ann@customer.test \"x>"}) {
            InboundMessage message = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> MailParser.parse(("From: " + from + "\r\nReply-To: bob@customer.test\r\nSubject: x\r\n\r\nhi\r\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(message.fromAddress()).as(from).contains("@");
        }
    }
}
