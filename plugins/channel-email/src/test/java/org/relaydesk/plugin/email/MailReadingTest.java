package org.relaydesk.plugin.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.InboundMessage;

/** What the reader makes of the cases that decide threading and loops: replies, robots, bounces, odd names. */
class MailReadingTest {
    private static final Path BOUNCES = CorpusTest.CORPUS.resolve("sisimai-set-of-emails/maildir");

    private static InboundMessage read(String raw) throws Exception {
        return MailParser.parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyBounceAndReportOfTheCorpusIsAutomaticAndThreadsToTheMessageItReturns() throws Exception {
        List<Path> reports;
        try (Stream<Path> files = Files.walk(BOUNCES.resolve("bsd"))) {
            reports = files.filter(Files::isRegularFile).filter(MailReadingTest::isReport).toList();
        }
        assertThat(reports).hasSizeGreaterThan(10);
        int failures = 0;
        for (Path file : reports) {
            byte[] raw = Files.readAllBytes(file);
            InboundMessage message = MailParser.parse(raw);
            assertThat(message.automatic()).as(file + " is automatic").isTrue();
            List<String> returned = returnedIds(new String(raw, StandardCharsets.ISO_8859_1));
            if (!returned.isEmpty()) {
                assertThat(message.references()).as(file + " threads to the returned message").containsAnyElementsOf(returned);
            }
            if (!returned.isEmpty() && new String(raw, StandardCharsets.ISO_8859_1).matches("(?is).*content-type:\\s*message/delivery-status.*action:\\s*failed.*")) {
                assertThat(message.receipt()).as(file + " reports the failure").isNotNull();
                assertThat(message.receipt().status()).isEqualTo(org.relaydesk.api.channel.DeliveryReceipt.Status.FAILED);
                assertThat(message.references()).contains(message.receipt().sentId());
                failures++;
            }
        }
        assertThat(failures).as("bounces of the corpus read as failure receipts").isGreaterThan(5);
    }

    @Test
    void aReadReceiptSaysTheReplyWasRead() throws Exception {
        String mdn = "From: ann@customer.test\r\nSubject: Read: Printer\r\nMessage-ID: <mdn@c.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=disposition-notification; boundary=r\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\n"
                + "Your message was displayed.\r\n--r\r\nContent-Type: message/disposition-notification\r\n\r\nFinal-Recipient: rfc822; ann@customer.test\r\n"
                + "Original-Message-ID: <relaydesk.9@example.test>\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n\r\n"
                + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <relaydesk.9@example.test>\r\nSubject: Printer\r\n\r\n--r--\r\n";
        InboundMessage message = read(mdn);
        assertThat(message.automatic()).isTrue();
        assertThat(message.receipt()).isEqualTo(new org.relaydesk.api.channel.DeliveryReceipt("relaydesk.9@example.test",
                org.relaydesk.api.channel.DeliveryReceipt.Status.READ, "manual-action/MDN-sent-manually; displayed"));
    }

    @Test
    void mailThatOnlyLooksLikeABounceIsAPersonsMailButAPostmastersAutoReplyIsNot() throws Exception {
        for (String person : List.of("is-not-bounce-01.eml", "is-not-bounce-02.eml")) {
            assertThat(MailParser.parse(Files.readAllBytes(BOUNCES.resolve("not").resolve(person))).automatic()).as(person).isFalse();
        }
        // not a bounce either, but Auto-Submitted: auto-replied from a postmaster
        assertThat(MailParser.parse(Files.readAllBytes(BOUNCES.resolve("not/rb-issue-368-bug.eml"))).automatic()).isTrue();
    }

    @Test
    void autoRepliesAreRecognisedByTheirHeadersAndSubjects() throws Exception {
        String plain = "From: ann@customer.test\r\nSubject: %s\r\nMessage-ID: <x@c.test>\r\n%s\r\nhello\r\n";
        assertThat(read(String.format(plain, "Question", "")).automatic()).isFalse();
        assertThat(read(String.format(plain, "Re: Question", "Auto-Submitted: auto-replied\r\n")).automatic()).isTrue();
        assertThat(read(String.format(plain, "Question", "Auto-Submitted: no\r\n")).automatic()).isFalse();
        assertThat(read(String.format(plain, "Newsletter", "Precedence: bulk\r\n")).automatic()).isTrue();
        assertThat(read(String.format(plain, "Re: Question", "X-Autoreply: yes\r\n")).automatic()).isTrue();
        assertThat(read(String.format(plain, "Out of Office: back on Monday", "")).automatic()).isTrue();
        assertThat(read(String.format(plain, "Automatic reply: Question", "")).automatic()).isTrue();
        assertThat(read(String.format(plain, "Question", "Return-Path: <>\r\n")).automatic()).isTrue();
    }

    @Test
    void aReplyKeepsWhatTheCustomerWroteThisTimeAndANewMessageKeepsEverything() throws Exception {
        String quoted = "Thanks, that worked!\r\n\r\n-- \r\nAnn\r\n\r\nOn Tue, 1 Dec 2026 at 10:00, Example Support\r\n<support@example.test> wrote:\r\n"
                + "> Please restart it.\r\n> \r\n";
        String reply = "From: ann@customer.test\r\nSubject: Re: [#1001] Printer\r\nMessage-ID: <r@c.test>\r\nIn-Reply-To: <relaydesk.1@example.test>\r\n\r\n" + quoted;
        InboundMessage trimmed = read(reply);
        assertThat(trimmed.text()).isEqualTo("Thanks, that worked!");
        assertThat(trimmed.references()).containsExactly("relaydesk.1@example.test");
        InboundMessage whole = read("From: ann@customer.test\r\nSubject: Fwd: Printer\r\nMessage-ID: <n@c.test>\r\n\r\n" + quoted);
        assertThat(whole.text()).contains("Please restart it.");

        String html = "From: ann@customer.test\r\nSubject: Re: Printer\r\nMessage-ID: <h@c.test>\r\nReferences: <relaydesk.1@example.test>\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n<div dir=\"ltr\">It works now.</div><br><div class=\"gmail_quote\">"
                + "<div class=\"gmail_attr\">On Tue, Support wrote:</div><blockquote class=\"gmail_quote\">Please restart it.</blockquote></div>";
        InboundMessage gmail = read(html);
        assertThat(gmail.html()).contains("It works now.").doesNotContain("Please restart it.");
        assertThat(gmail.text()).isEqualTo("It works now.");
    }

    @Test
    void inlineImagesKeepTheirContentIdAndEncodedFileNamesAreDecoded() throws Exception {
        String raw = "From: =?UTF-8?Q?J=C3=BCrgen?= <j@customer.test>\r\nSubject: =?UTF-8?B?UHLDvGZ1bmc=?=\r\nMessage-ID: <i@c.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/related; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>See <img src=\"cid:logo@c\"></p>\r\n"
                + "--b1\r\nContent-Type: image/png\r\nContent-ID: <logo@c>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
                + "--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b1--\r\n";
        InboundMessage message = read(raw);
        assertThat(message.fromName()).isEqualTo("Jürgen");
        assertThat(message.subject()).isEqualTo("Prüfung");
        assertThat(message.attachments()).extracting(a -> a.filename() + "|" + a.contentId() + "|" + a.content().length)
                .containsExactly("image-1.png|logo@c|8", "€ rates.pdf|null|5");
    }

    @Test
    void aMessageWithoutIdIsKnownByItsBytesSoTheSameMailStaysOneMessage() throws Exception {
        String raw = "From: ann@customer.test\r\nSubject: No id\r\n\r\nText\r\n";
        String id = read(raw).externalId();
        assertThat(id).startsWith("sha256.").endsWith("@no-message-id.invalid").isEqualTo(read(raw).externalId());
        assertThat(read(raw + "more").externalId()).isNotEqualTo(id);
    }

    private static boolean isReport(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toLowerCase().contains("multipart/report");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Message-IDs in the body (the returned message's headers), not the bounce's own. */
    private static List<String> returnedIds(String raw) {
        int body = raw.indexOf("\n\n") < 0 ? raw.indexOf("\r\n\r\n") : Math.min(raw.indexOf("\n\n"), raw.indexOf("\r\n\r\n") < 0 ? Integer.MAX_VALUE
                : raw.indexOf("\r\n\r\n"));
        Matcher matcher = Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>").matcher(raw.substring(Math.max(0, body)));
        List<String> ids = new ArrayList<>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }
}
