package org.relaydesk.plugin.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.relaydesk.api.channel.InboundAttachment;
import org.relaydesk.api.channel.InboundMessage;

/**
 * Every message of the real-world corpus (test resources, corpus/; see its NOTICE.md) is read
 * without an exception, and what Relaydesk makes of it agrees with Apache James mime4j, a second
 * parser written by other people: the same sender, the same subject, text when the message has
 * any, and every named file with its name and size (mime4j leaves RFC 2047 words in some names
 * undecoded: they are compared decoded; where mime4j lost characters of a subject, ours must have
 * them).
 */
class CorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus");
    /** Messages whose files are broken on purpose (a bad closing boundary inside base64, a truncated last quad). */
    static final java.util.Set<String> BROKEN_BASE64 = java.util.Set.of("apache-james-mime4j/core/src/test/resources/mimetools-testmsgs/multi-frag.msg",
            "php-mime-mail-parser/tests/mails/m0018");

    static List<Path> messages() throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(Files::isRegularFile).filter(CorpusTest::isMessage).sorted().toList();
        }
    }

    private static boolean isMessage(Path path) {
        String name = path.getFileName().toString();
        return !name.endsWith(".md") && !name.endsWith(".txt") && !name.startsWith("LICENSE");
    }

    @TestFactory
    Stream<DynamicTest> everyMessageIsReadWithItsSenderSubjectTextAndFiles() throws IOException {
        List<Path> all = messages();
        assertThat(all).hasSizeGreaterThan(250);
        return all.stream().map(path -> DynamicTest.dynamicTest(CORPUS.relativize(path).toString(), () -> check(CORPUS.relativize(path).toString(), Files.readAllBytes(path))));
    }

    private static void check(String where, byte[] raw) throws Exception {
        InboundMessage ours = new EmailChannel().parse(new org.relaydesk.api.channel.RawMessage("id", "message/rfc822", raw, null));
        Message theirs = oracle(raw);

        assertThat(ours.externalId()).isNotBlank();
        Mailbox from = theirs.getFrom() == null || theirs.getFrom().isEmpty() ? null : theirs.getFrom().get(0);
        if (from != null && from.getAddress().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+")) {
            assertThat(ours.fromAddress()).as(where + ": sender").isEqualToIgnoringCase(from.getAddress());
        } else if (from != null && from.getAddress().contains("@")) {
            // mime4j keeps a broken From as it stands ("Big Bug bb@bug.com", two addresses run together): ours is the address in it
            assertThat(from.getAddress().toLowerCase(Locale.ROOT)).as(where + ": sender").contains(ours.fromAddress());
        } else {
            assertThat(ours.fromAddress()).as(where + ": sender").contains("@");
        }
        boolean sentReplacements = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).contains("\u00EF\u00BF\u00BD"); // U+FFFD as sent, in UTF-8
        if (theirs.getSubject() != null && theirs.getSubject().indexOf('\uFFFD') >= 0 && !sentReplacements) {
            // mime4j lost characters it could not decode (raw 8-bit bytes, ISO-2022-JP's Windows characters such as №): ours has
            // real characters in their place and agrees on the rest
            assertThat(normal(ours.subject())).as(where + ": subject").doesNotContain("\uFFFD").matches(lost(normal(theirs.getSubject())));
        } else if (theirs.getSubject() != null) {
            assertThat(normal(ours.subject())).as(where + ": subject").isEqualTo(normal(theirs.getSubject()));
        }
        List<Leaf> leaves = new ArrayList<>();
        leaves(theirs, leaves);
        if (leaves.stream().anyMatch(l -> l.filename == null && l.type.startsWith("text/") && l.size > 0 && !l.blank)) {
            assertThat((ours.text() == null ? "" : ours.text()) + (ours.html() == null ? "" : ours.html())).as(where + ": text").isNotBlank();
        }
        for (Leaf leaf : leaves) {
            if (leaf.filename == null) {
                continue;
            }
            if (BROKEN_BASE64.contains(where)) {
                // base64 cut short or run into the next part: the two parsers keep different amounts of the garbage; the name must still match
                assertThat(ours.attachments()).as(where + ": file " + leaf.filename).anyMatch(a -> normal(a.filename()).equals(normal(Words.decode(base(leaf.filename)))));
                continue;
            }
            assertThat(ours.attachments()).as(where + ": file " + leaf.filename + " of " + leaf.size + " bytes")
                    .anyMatch(a -> normal(a.filename()).equals(normal(Words.decode(base(leaf.filename)))) && (leaf.size < 0 || Math.abs(a.content().length - leaf.size) <= 2));
        }
        long named = leaves.stream().filter(l -> l.filename != null).count();
        assertThat(ours.attachments().stream().map(InboundAttachment::filename).toList()).as(where + ": files").hasSizeGreaterThanOrEqualTo((int) named);
    }

    record Leaf(String type, String filename, long size, boolean blank) {
    }

    private static void leaves(Entity entity, List<Leaf> into) throws IOException {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                leaves(part, into);
            }
        } else if (body instanceof Message nested && entity.getFilename() == null && entity.getParent() == null) {
            leaves(nested, into);
        } else if (body instanceof SingleBody single) {
            byte[] content;
            try (var in = single.getInputStream()) {
                content = in.readAllBytes();
            }
            into.add(new Leaf(entity.getMimeType().toLowerCase(Locale.ROOT), entity.getFilename(), content.length,
                    new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()));
        } else if (body instanceof Message && entity.getFilename() != null) {
            into.add(new Leaf("message/rfc822", entity.getFilename(), -1, false));
        }
    }

    private static Message oracle(byte[] raw) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(org.apache.james.mime4j.codec.DecodeMonitor.SILENT);
        return builder.parseMessage(new ByteArrayInputStream(raw));
    }

    /** A pattern for text in which each run of U+FFFD stands for one or more characters that were there. */
    private static String lost(String text) {
        StringBuilder pattern = new StringBuilder();
        for (String piece : text.split("\uFFFD+", -1)) {
            if (pattern.length() > 0) {
                pattern.append(".+?");
            }
            pattern.append(java.util.regex.Pattern.quote(piece));
        }
        return pattern.toString();
    }

    private static String base(String name) {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }

    private static String normal(String value) {
        return value == null ? "" : value.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
