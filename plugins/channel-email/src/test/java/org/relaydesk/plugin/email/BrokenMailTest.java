package org.relaydesk.plugin.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.InboundAttachment;
import org.relaydesk.api.channel.InboundMessage;

/**
 * Mail as real clients break it, each message written here to show one defect: broken transfer
 * encodings, encoded words with spaces, raw 8-bit headers in a legacy charset, odd From headers,
 * ISO-2022-JP with the Windows characters, and an empty body.
 */
class BrokenMailTest {
    private static final String HEAD = "Message-ID: <m@c.test>\r\nMIME-Version: 1.0\r\n";

    private static InboundMessage read(String raw) throws Exception {
        return MailParser.parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes for a message whose parts are written in different charsets (raw 8-bit headers). */
    private static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i] instanceof Charset charset) {
                out.writeBytes(((String) pieces[++i]).getBytes(charset));
            } else {
                out.writeBytes(((String) pieces[i]).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    @Test
    void base64CutShortOrConcatenatedIsStillDecoded() throws Exception {
        // "Hello world" with its last quad cut short (no padding), and a file that is two base64 runs glued together
        InboundMessage message = read("From: ann@customer.test\r\nSubject: Broken\r\n" + HEAD
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nSGVsbG8gd29ybGQ\r\n--b\r\nContent-Type: application/octet-stream; name=two.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nSGk=\r\nSGk=\r\n--b--\r\n");
        assertThat(message.text()).isEqualTo("Hello world");
        assertThat(message.attachments()).extracting(a -> a.filename() + "=" + new String(a.content(), StandardCharsets.US_ASCII))
                .containsExactly("two.bin=HiHi");
    }

    @Test
    void uuencodedPartsWithoutTheirBeginOrEndLineAreDecoded() throws Exception {
        // "Cat" uuencoded: "#0V%T" (length char '#' = 3 bytes); the begin line is missing
        InboundMessage message = read("From: ann@customer.test\r\nSubject: UU\r\n" + HEAD
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee file\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=cat.txt\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
                + "#0V%T\r\n`\r\nend\r\n--b--\r\n");
        assertThat(message.attachments()).extracting(a -> a.filename() + "=" + new String(a.content(), StandardCharsets.US_ASCII))
                .containsExactly("cat.txt=Cat");
        InboundMessage unended = read("From: ann@customer.test\r\nSubject: UU\r\n" + HEAD
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee file\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=cat.txt\r\nContent-Transfer-Encoding: uuencode\r\n\r\n"
                + "begin 644 cat.txt\r\n#0V%T\r\n--b--\r\n");
        assertThat(unended.attachments()).extracting(a -> a.filename() + "=" + new String(a.content(), StandardCharsets.US_ASCII))
                .containsExactly("cat.txt=Cat");
    }

    @Test
    void encodedWordsWithSpacesInsideAreDecodedInSubjectsNamesAndFileNames() throws Exception {
        InboundMessage message = read("From: =?UTF-8?Q?Ren=C3=A9e Dupont?= <renee@customer.test>\r\n"
                + "Subject: =?UTF-8?Q?Caf=C3=A9 au lait?= and =?UTF-8?B?w6l0w6kg?=\r\n =?UTF-8?B?ZmluaQ==?=\r\n" + HEAD
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"=?UTF-8?Q?r=C3=A9sum=C3=A9 final.pdf?=\"\r\n"
                + "\r\nJVBERi0=\r\n--b--\r\n");
        assertThat(message.subject()).isEqualTo("Café au lait and été fini");
        assertThat(message.fromName()).isEqualTo("Renée Dupont");
        assertThat(message.attachments()).extracting(InboundAttachment::filename).containsExactly("résumé final.pdf");
        // a multi-byte character split across two words (not allowed, but written): the bytes are joined before decoding
        assertThat(read("From: a@c.test\r\nSubject: =?UTF-8?B?w6k=?= =?UTF-8?B?w6k=?= =?UTF-8?Q?x=C3?= =?UTF-8?Q?=A9?=\r\n\r\n.").subject())
                .isEqualTo("ééxé");
        // base64 text broken by a fold inside one word
        assertThat(read("From: a@c.test\r\nSubject: =?UTF-8?B?Q2Fmw6kg\r\n YXUgbGFpdA==?=\r\n\r\n.").subject()).isEqualTo("Café au lait");
    }

    @Test
    void raw8BitHeadersAreReadInTheCharsetTheMessageDeclaresNotReplacedByQuestionMarks() throws Exception {
        Charset cp1251 = Charset.forName("windows-1251");
        byte[] russian = bytes("From: ", cp1251, "Иван Петров", " <ivan@customer.test>\r\nSubject: ", cp1251, "Счёт не пришёл", "\r\n", HEAD,
                "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=windows-1251\r\n\r\n",
                cp1251, "Здравствуйте", "\r\n--b--\r\n");
        InboundMessage message = MailParser.parse(russian);
        assertThat(message.subject()).isEqualTo("Счёт не пришёл");
        assertThat(message.fromName()).isEqualTo("Иван Петров");
        assertThat(message.text()).isEqualTo("Здравствуйте");

        // nothing declared: Windows-1252, what such mail nearly always is, and no byte becomes U+FFFD
        byte[] german = bytes("From: ", Charsets.WINDOWS_1252, "Jürgen Müller", " <j@customer.test>\r\nSubject: ",
                Charsets.WINDOWS_1252, "Prüfung – ok", "\r\n\r\nhallo\r\n");
        InboundMessage plain = MailParser.parse(german);
        assertThat(plain.subject()).isEqualTo("Prüfung – ok");
        assertThat(plain.fromName()).isEqualTo("Jürgen Müller");

        // raw UTF-8 stays UTF-8, also when a part declares another charset
        byte[] utf8 = bytes("From: a@c.test\r\nSubject: ", StandardCharsets.UTF_8, "Größe ①", "\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nx");
        assertThat(MailParser.parse(utf8).subject()).isEqualTo("Größe ①");

        // a raw 8-bit file name in the part's header
        byte[] named = bytes("From: a@c.test\r\nSubject: f\r\n", HEAD, "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain; charset=koi8-r\r\n\r\n", Charset.forName("koi8-r"), "привет", "\r\n--b\r\n"
                + "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"", Charset.forName("koi8-r"), "счёт.pdf",
                "\"\r\n\r\n%PDF\r\n--b--\r\n");
        assertThat(MailParser.parse(named).attachments()).extracting(InboundAttachment::filename).containsExactly("счёт.pdf");
    }

    @Test
    void ofTwoFromHeadersTheFirstCountsAndNothingOfTheSecondJoinsIt() throws Exception {
        InboundMessage message = read("From: ann@customer.test\r\nFrom: Bob Builder <bob@customer.test>\r\nSubject: x\r\n\r\nhi\r\n");
        assertThat(message.fromAddress()).isEqualTo("ann@customer.test");
        assertThat(message.fromName()).isNull();
        InboundMessage named = read("From: Ann Smith <ann@customer.test>\r\nFrom: Bob <bob@customer.test>\r\nSubject: x\r\n\r\nhi\r\n");
        assertThat(named.fromName()).isEqualTo("Ann Smith");
    }

    @Test
    void aCommentInsideAQuotedDisplayNameIsPartOfTheName() throws Exception {
        InboundMessage message = read("From: \"Ann (Sales) Smith\" <ann@customer.test>\r\nSubject: x\r\n\r\nhi\r\n");
        assertThat(message.fromName()).isEqualTo("Ann (Sales) Smith");
        // a real comment outside quotes is not the name; an address with only a comment is named by it
        assertThat(read("From: Ann (Sales) <ann@customer.test>\r\nSubject: x\r\n\r\nhi\r\n").fromName()).isEqualTo("Ann");
        assertThat(read("From: ann@customer.test (Ann Smith)\r\nSubject: x\r\n\r\nhi\r\n").fromName()).isEqualTo("Ann Smith");
        assertThat(read("From: \"Smith, Ann \\\"AS\\\"\" <ann@customer.test>\r\nSubject: x\r\n\r\nhi\r\n").fromName()).isEqualTo("Smith, Ann \"AS\"");
    }

    @Test
    void theDisplayNameIsTheFirstMailboxsOnlyWhenTheHeaderListsSeveral() throws Exception {
        InboundMessage bare = read("From: ann@customer.test, \"Bob, Jr.\" <bob@customer.test>\r\nSubject: x\r\n\r\nhi\r\n");
        assertThat(bare.fromAddress()).isEqualTo("ann@customer.test");
        assertThat(bare.fromName()).isNull();
        InboundMessage angle = read("From: <ann@customer.test>; Bob <bob@customer.test>\r\nSubject: x\r\n\r\nhi\r\n");
        assertThat(angle.fromAddress()).isEqualTo("ann@customer.test");
        assertThat(angle.fromName()).isNull();
        InboundMessage group = read("From: Sales: \"Ann\" <ann@customer.test>, bob@customer.test;\r\nSubject: x\r\n\r\nhi\r\n");
        assertThat(group.fromAddress()).isEqualTo("ann@customer.test");
        assertThat(group.fromName()).isEqualTo("Ann");
    }

    @Test
    void quotedLocalPartsWithSpacesStayWhole() throws Exception {
        assertThat(read("From: \"john doe\"@customer.test\r\nSubject: x\r\n\r\nhi\r\n").fromAddress()).isEqualTo("\"john doe\"@customer.test");
        InboundMessage named = read("From: John <\"john doe\"@customer.test>\r\nSubject: x\r\n\r\nhi\r\n");
        assertThat(named.fromAddress()).isEqualTo("\"john doe\"@customer.test");
        assertThat(named.fromName()).isEqualTo("John");
    }

    @Test
    void iso2022JpWithTheWindowsCharactersKeepsThem() throws Exception {
        Charset windows = Charset.forName("x-windows-50221");
        String word = "=?ISO-2022-JP?B?" + java.util.Base64.getEncoder().encodeToString("①の件".getBytes(windows)) + "?=";
        byte[] raw = bytes("From: a@c.test\r\nSubject: ", word, "\r\n", HEAD, "Content-Type: text/plain; charset=ISO-2022-JP\r\n\r\n",
                windows, "①と㈱と髙橋", "\r\n");
        InboundMessage message = MailParser.parse(raw);
        assertThat(message.subject()).isEqualTo("①の件");
        assertThat(message.text()).isEqualTo("①と㈱と髙橋");
    }

    @Test
    void aMessageWithAnEmptyBodyHasNoFile() throws Exception {
        assertThat(read("From: a@c.test\r\nSubject: x\r\n" + HEAD + "Content-Type: multipart/mixed; boundary=b\r\n\r\n").attachments()).isEmpty();
        assertThat(read("From: a@c.test\r\nSubject: x\r\n" + HEAD + "Content-Type: multipart/mixed; boundary=b\r\n\r\n\r\n").attachments()).isEmpty();
        assertThat(read("From: a@c.test\r\nSubject: x\r\n" + HEAD + "Content-Type: application/octet-stream\r\n\r\n").attachments()).isEmpty();
        assertThat(read("From: a@c.test\r\nSubject: x\r\n\r\n").attachments()).isEmpty();
        // a file the sender named is kept even when empty
        assertThat(read("From: a@c.test\r\nSubject: x\r\n" + HEAD + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain; name=empty.txt\r\nContent-Disposition: attachment\r\n\r\n\r\n--b--\r\n").attachments())
                .extracting(InboundAttachment::filename).containsExactly("empty.txt");
    }
}
