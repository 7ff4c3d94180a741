package org.relaydesk.plugin.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.relaydesk.api.channel.DeliveryReceipt;
import org.relaydesk.api.channel.InboundAttachment;
import org.relaydesk.api.channel.InboundMessage;

/**
 * Reads an email (RFC 5322 and MIME) into the host's terms: who sent it, its subject, its text and
 * HTML, every file it carries, the ids it answers, and whether a program wrote it. Real mail is
 * often broken, so the parser is lenient: a header that cannot be decoded is taken as it is, an
 * unknown charset is read as UTF-8 or Latin-1, a part that cannot be read becomes a file, and
 * nothing that was in the message is dropped.
 */
final class MailParser {
    /** The sender of a message that names none (the .invalid domain is reserved for this). */
    static final String UNKNOWN_SENDER = "unknown-sender@sender.invalid";
    private static final Session SESSION = Session.getInstance(lenient());
    private static final Pattern QUOTED_ID = Pattern.compile("(?im)^[ \\t>]*Message-ID:\\s*<([^<>\\s]+)>");
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>]*@[^<>]*)>");

    private final List<String> texts = new ArrayList<>();
    private final List<String> htmls = new ArrayList<>();
    private final List<InboundAttachment> attachments = new ArrayList<>();
    private final Set<String> reported = new LinkedHashSet<>();
    /** How this message's raw 8-bit header bytes (and text that names no charset) are read. */
    private final HeaderCharset raw8bit;
    private int unnamed;
    private byte[] unreadable;
    private DeliveryReceipt.Status receiptStatus;
    private String receiptDetail;

    private MailParser(HeaderCharset raw8bit) {
        this.raw8bit = raw8bit;
    }

    /**
     * The mail session's settings. Jakarta Mail reads only a few of its {@code mail.mime.*} settings
     * from the session ({@code mail.mime.address.strict}, {@code mail.mime.allowutf8}); the lenient
     * decoding ones ({@code mail.mime.base64.ignoreerrors}, {@code mail.mime.decodetext.strict},
     * {@code mail.mime.multipart.*}, ...) it reads from the JVM's system properties, and a plugin
     * must not change those for the whole server. So this parser does that leniency itself
     * ({@link Transfer}, {@link Words}, {@link HeaderParams}) and sets here only what the session
     * honours. UTF-8 in headers is not turned on: Jakarta Mail would then replace every byte that is
     * not UTF-8 with U+FFFD before the parser sees it, whereas read one byte per char the original
     * bytes stay, and {@link HeaderCharset} reads them in the charset they were written in.
     */
    static Properties lenient() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.allowutf8", "false");
        return properties;
    }

    private static final Pattern MBOX_LINE = Pattern.compile("^From (?![ \\t]*:)[^\\n]*\\n");
    private static final Pattern SPACED_NAME = Pattern.compile("(?m)^([\\x21-\\x39\\x3B-\\x7E]+)[ \\t]+:");

    /**
     * The message, once it is clear these are mail bytes at all: text, not binary, in the header
     * lines. An mbox "From " line before them is skipped, and "Name  :" (spaces before the colon, as
     * RFC 822 allowed) is read as "Name:". A text without any header is a message that is all body.
     */
    static MimeMessage read(byte[] raw) throws MessagingException {
        int headerEnd = headerEnd(raw);
        for (int i = 0; i < headerEnd; i++) {
            int b = raw[i] & 0xFF;
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
                throw new MessagingException("this is not an email: its header holds binary bytes");
            }
        }
        String header = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
        var mbox = MBOX_LINE.matcher(header);
        int skip = mbox.find() ? mbox.end() : 0;
        String rest = header.substring(skip);
        if (SPACED_NAME.matcher(rest).find()) {
            byte[] fixed = SPACED_NAME.matcher(rest).replaceAll("$1:").getBytes(StandardCharsets.ISO_8859_1);
            byte[] joined = new byte[fixed.length + raw.length - headerEnd];
            System.arraycopy(fixed, 0, joined, 0, fixed.length);
            System.arraycopy(raw, headerEnd, joined, fixed.length, raw.length - headerEnd);
            return new MimeMessage(SESSION, new SharedByteArrayInputStream(joined));
        }
        return new MimeMessage(SESSION, new SharedByteArrayInputStream(raw, skip, raw.length - skip));
    }

    /** Where the header ends: at the first empty line, or after 64 KB. */
    private static int headerEnd(byte[] raw) {
        int limit = Math.min(raw.length, 64 * 1024);
        for (int i = 0; i + 1 < limit; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < limit && raw[i + 2] == '\n'))) {
                return i + 1;
            }
        }
        return limit;
    }

    /**
     * The message in the host's terms. A message beyond {@link MimeBounds} is refused with a
     * MessagingException saying why; nothing else but a MessagingException or IOException leaves
     * here, whatever the bytes.
     */
    static InboundMessage parse(byte[] raw) throws MessagingException, IOException {
        MimeBounds.check(raw);
        MimeMessage message = read(raw);
        HeaderCharset raw8bit = HeaderCharset.of(raw);
        MailParser parser = new MailParser(raw8bit);
        Mailbox from = sender(message, raw8bit);
        String subject = subject(message, raw8bit);
        parser.walk(message, 0);
        if (parser.texts.stream().allMatch(String::isBlank) && parser.htmls.isEmpty() && parser.unreadable != null) {
            // the structure cannot be read at all: the agents get the body as it was sent rather than nothing
            parser.texts.add(raw8bit.decode(parser.unreadable));
        }
        List<String> references = new ArrayList<>(last(MailIds.parse(message.getHeader("References", " ")), MimeBounds.MOST_REFERENCES));
        for (String id : last(MailIds.parse(message.getHeader("In-Reply-To", " ")), 10)) {
            references.remove(id);
            references.add(id); // the message it answers directly comes last
        }
        String fromAddress = from == null ? UNKNOWN_SENDER : from.address().toLowerCase(Locale.ROOT);
        boolean automatic = LoopSignals.automatic(message, fromAddress, subject);
        if (automatic && parser.reported.isEmpty()) {
            // a report without a proper returned-message part (plain-text bounces, broken reports): the quoted headers in its body
            Matcher quoted = QUOTED_ID.matcher(new String(raw, headerEnd(raw), raw.length - headerEnd(raw), StandardCharsets.ISO_8859_1));
            while (quoted.find()) {
                parser.reported.add(quoted.group(1));
            }
            parser.reported.remove(MailIds.of(message, raw));
        }
        if (automatic) {
            for (String bounced : last(new ArrayList<>(parser.reported), 10)) {
                if (!references.contains(bounced)) {
                    references.add(bounced); // a bounce threads to the message it reports on
                }
            }
        }
        String text = String.join("\n\n", parser.texts.stream().map(t -> t.replace("\r\n", "\n").strip()).filter(t -> !t.isEmpty()).toList());
        String html = parser.htmls.isEmpty() ? null : String.join("<hr>", parser.htmls);
        if (!references.isEmpty()) {
            // a reply: the ticket gets what the customer wrote this time
            text = ReplyTrimmer.text(text);
            html = ReplyTrimmer.html(html);
        }
        if (text.isBlank() && html != null) {
            text = Jsoup.parse(html).wholeText().strip();
        }
        Instant sentAt = null;
        try {
            sentAt = message.getSentDate() == null ? null : message.getSentDate().toInstant();
        } catch (MessagingException e) {
            // an unreadable Date: the host uses the time it arrived
        }
        DeliveryReceipt receipt = automatic && parser.receiptStatus != null && !parser.reported.isEmpty()
                ? new DeliveryReceipt(parser.reported.iterator().next(), parser.receiptStatus, parser.receiptDetail) : null;
        return new InboundMessage(MailIds.of(message, raw), fromAddress, from == null ? null : from.personal(), subject, text, html, references,
                sentAt, automatic, parser.attachments, java.util.Map.of(), receipt);
    }

    /** The last {@code most} ids (of References, the newest). */
    private static List<String> last(List<String> ids, int most) {
        return ids.size() <= most ? ids : ids.subList(ids.size() - most, ids.size());
    }

    /**
     * The sender: the first mailbox with an address in From, else in Sender, Reply-To or
     * Return-Path. Of two From headers the first is read on its own (joined, the second's name
     * would run into the first's).
     */
    private static Mailbox sender(MimeMessage message, HeaderCharset raw8bit) throws MessagingException {
        for (String header : List.of("From", "Sender", "Reply-To", "Return-Path")) {
            String[] values = message.getHeader(header);
            for (String value : values == null ? new String[0] : values) {
                Mailbox mailbox = Mailbox.first(raw8bit.repair(MimeUtility.unfold(shortened(value))));
                if (mailbox != null) {
                    return mailbox;
                }
            }
        }
        return null;
    }

    /** A header value as far as it is read for a name, an address or a subject (a longer one is an attack, not a subject). */
    private static String shortened(String value) {
        return value.length() > Mailbox.LONGEST ? value.substring(0, Mailbox.LONGEST) : value;
    }

    private static String subject(MimeMessage message, HeaderCharset raw8bit) throws MessagingException {
        String[] values = message.getHeader("Subject");
        return values == null || values.length == 0 ? null : Words.decode(MimeUtility.unfold(shortened(values[0])), raw8bit).strip();
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
        String type = type(part);
        if (depth > MimeBounds.DEEPEST) {
            file(part, type); // a message nested this deep is kept whole, not opened further
            return;
        }
        if (type.startsWith("multipart/")) {
            Multipart multipart = multipart(part);
            if (multipart == null) {
                byte[] body = rawBody(part);
                if (new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
                    return; // an empty multipart: nothing was sent
                }
                if (unreadable == null) {
                    unreadable = body;
                }
                file(part, type);
                return;
            }
            if (type.equals("multipart/alternative")) {
                alternative(multipart, depth);
                return;
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (type.equals("multipart/report") && i > 0) {
                    report(child, depth + 1);
                } else {
                    walk(child, depth + 1);
                }
            }
            return;
        }
        HeaderParams disposition = disposition(part);
        boolean text = type.equals("text/plain") || type.equals("text/html");
        // a text part is the body unless it is sent as a file; a name on its Content-Type alone does not make it one
        boolean attached = disposition.value().equals(Part.ATTACHMENT) || disposition.get("filename") != null || (!text && name(part) != null);
        if (!attached && text) {
            String content = text(part);
            if (type.equals("text/html")) {
                htmls.add(content);
            } else {
                texts.add(content);
            }
            return;
        }
        if (type.equals("message/rfc822") && depth == 0 && part instanceof MimeMessage) {
            // a message that is nothing but another message (some gateways wrap mail so): read the inner one
            byte[] inner = Transfer.decode(rawBody(part), ((MimeMessage) part).getEncoding());
            MimeBounds.check(inner); // its parts were hidden in the encoding
            walk(new MimeMessage(SESSION, new SharedByteArrayInputStream(inner)), 1);
            return;
        }
        file(part, type);
    }

    /** Of the alternatives, the richest one the parser can show; the plain text is kept too, for the text copy. */
    private void alternative(Multipart multipart, int depth) throws MessagingException, IOException {
        BodyPart text = null;
        BodyPart rich = null;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart child = multipart.getBodyPart(i);
            String type = type(child);
            if (type.equals("text/plain") && text == null) {
                text = child;
            } else if (type.equals("text/html") || type.startsWith("multipart/")) {
                rich = child;
            } else if (!type.equals("text/plain")) {
                file(child, type); // a calendar invite and the like: offered as a file
            }
        }
        if (text != null) {
            texts.add(text(text));
        }
        if (rich != null) {
            List<String> before = new ArrayList<>(texts);
            walk(rich, depth + 1);
            if (text != null) {
                texts.clear();
                texts.addAll(before); // the rich part's own plain texts would repeat the alternative
            }
        }
    }

    /** What a delivery status (RFC 3464) or disposition notification (RFC 8098) says, for the receipt. */
    private void outcome(String report) {
        String unfolded = report.replaceAll("\\r?\\n[ \\t]+", " ");
        Matcher action = Pattern.compile("(?im)^Action:\\s*(\\S+)").matcher(unfolded);
        Matcher disposition = Pattern.compile("(?im)^Disposition:\\s*(.+)$").matcher(unfolded);
        if (action.find()) {
            String value = action.group(1).toLowerCase(Locale.ROOT);
            receiptStatus = value.equals("failed") ? DeliveryReceipt.Status.FAILED
                    : value.equals("delivered") || value.equals("relayed") || value.equals("expanded") ? DeliveryReceipt.Status.DELIVERED : null;
            Matcher code = Pattern.compile("(?im)^Status:\\s*(\\S+)").matcher(unfolded);
            Matcher diagnostic = Pattern.compile("(?im)^Diagnostic-Code:\\s*(.+)$").matcher(unfolded);
            Matcher recipient = Pattern.compile("(?im)^Final-Recipient:\\s*(?:rfc822;)?\\s*(.+)$").matcher(unfolded);
            List<String> detail = new ArrayList<>();
            if (recipient.find()) {
                detail.add(recipient.group(1).strip());
            }
            if (code.find()) {
                detail.add(code.group(1));
            }
            if (diagnostic.find()) {
                detail.add(diagnostic.group(1).strip());
            }
            receiptDetail = String.join(": ", detail);
        } else if (disposition.find() && disposition.group(1).toLowerCase(Locale.ROOT).contains("displayed")) {
            receiptStatus = DeliveryReceipt.Status.READ;
            receiptDetail = disposition.group(1).strip();
        }
    }

    /** A part of a delivery report: the status is shown as text, the returned message's id threads the bounce. */
    private void report(BodyPart part, int depth) throws MessagingException, IOException {
        String type = type(part);
        if (type.equals("message/rfc822") || type.equals("text/rfc822-headers") || type.equals("message/rfc822-headers")) {
            byte[] content = bytes(part);
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(content), true);
            reported.addAll(MailIds.parse(headers.getHeader("Message-ID", null)));
            file(part, type);
        } else if (type.equals("message/delivery-status") || type.equals("message/disposition-notification")) {
            String status = text(part);
            texts.add(status);
            outcome(status);
            file(part, type);
        } else {
            walk(part, depth + 1);
        }
    }

    private void file(Part part, String type) throws MessagingException, IOException {
        byte[] content = bytes(part);
        String name = name(part);
        if ((type.equals("application/ms-tnef") || type.equals("application/vnd.ms-tnef") || "winmail.dat".equalsIgnoreCase(name))
                && Tnef.looksLikeTnef(content)) {
            try {
                List<Tnef.File> inside = Tnef.files(content);
                if (!inside.isEmpty()) {
                    // Outlook's winmail.dat: the files it wraps, as the sender attached them (a stream with only rich text stays whole)
                    inside.forEach(f -> attachments.add(new InboundAttachment(f.name(), "application/octet-stream", f.content(), null)));
                    return;
                }
            } catch (Tnef.TnefException e) {
                // damaged or crafted: the files read before the damage, and the stream itself as it came (below)
                e.partial().forEach(f -> attachments.add(new InboundAttachment(f.name(), "application/octet-stream", f.content(), null)));
            }
        }
        String contentId = null;
        if (part instanceof MimePart mime && mime.getContentID() != null) {
            List<String> ids = MailIds.parse(mime.getContentID());
            contentId = ids.isEmpty() ? mime.getContentID().replaceAll("[<>\\s]", "") : ids.get(0);
        }
        if (name == null && (type.equals("message/rfc822"))) {
            name = forwardedName(content);
        }
        if (name == null && content.length == 0) {
            return; // nothing was sent here (an empty body, an empty part): no file of nothing
        }
        if (name == null) {
            unnamed++;
            name = (contentId != null && type.startsWith("image/") ? "image-" : "attachment-") + unnamed + extension(type);
        }
        attachments.add(new InboundAttachment(name, type, content, contentId));
    }

    private static String forwardedName(byte[] content) {
        try {
            String subject = subject(new MimeMessage(SESSION, new SharedByteArrayInputStream(content)), HeaderCharset.of(content));
            if (subject != null && !subject.isBlank()) {
                return subject.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip() + ".eml";
            }
        } catch (MessagingException e) {
            // named by number below
        }
        return "forwarded-message.eml";
    }

    /** The file name the part was sent with: Content-Disposition's filename, else Content-Type's name. */
    String name(Part part) {
        String name = parameters(part, "Content-Disposition", raw8bit).get("filename");
        if (name == null) {
            name = parameters(part, "Content-Type", raw8bit).get("name");
        }
        return name == null ? null : clean(name);
    }

    /** The file name without a path or control characters (its words and raw bytes are decoded already). */
    private static String clean(String name) {
        String decoded = name.replace('\\', '/');
        decoded = decoded.substring(decoded.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        return decoded.isEmpty() ? null : decoded;
    }

    private static HeaderParams contentType(Part part) {
        return parameters(part, "Content-Type", HeaderCharset.UNDECLARED);
    }

    /** The header's first value, read the forgiving way. */
    private static HeaderParams parameters(Part part, String header, HeaderCharset raw8bit) {
        try {
            String[] values = part.getHeader(header);
            return HeaderParams.parse(values == null || values.length == 0 ? null : shortened(values[0]), raw8bit);
        } catch (MessagingException e) {
            return HeaderParams.parse(null);
        }
    }

    /** The part's type, lowercase; a missing or unreadable one is text/plain, as RFC 2045 says. */
    private static String type(Part part) {
        String type = contentType(part).value();
        return type.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+") ? type : "text/plain";
    }

    private static HeaderParams disposition(Part part) {
        return parameters(part, "Content-Disposition", HeaderCharset.UNDECLARED);
    }

    /**
     * The part's parts; when Jakarta Mail cannot read the Content-Type, again with the boundary as
     * read here. A multipart that names no boundary is not opened: Jakarta Mail would take any line
     * starting with "--" for one, and such parts escape {@link MimeBounds}' count.
     */
    private static Multipart multipart(Part part) {
        String boundary = contentType(part).get("boundary");
        if (boundary == null) {
            return null;
        }
        try {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                multipart.getCount(); // parses it: a broken one fails here, not later
                return multipart;
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // tried again below
        }
        try {
            String type = "multipart/mixed; boundary=\"" + boundary.strip().replace("\"", "") + "\"";
            MimeMultipart multipart = new MimeMultipart(new jakarta.activation.DataSource() {
                @Override
                public InputStream getInputStream() throws IOException {
                    try {
                        return rawStream(part); // shared with the message's bytes, not copied
                    } catch (MessagingException e) {
                        throw new IOException(e);
                    }
                }

                @Override
                public java.io.OutputStream getOutputStream() throws IOException {
                    throw new IOException("read only");
                }

                @Override
                public String getContentType() {
                    return type;
                }

                @Override
                public String getName() {
                    return "multipart";
                }
            });
            multipart.getCount();
            return multipart;
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The part's body as it was sent, its transfer encoding not undone. */
    private static byte[] rawBody(Part part) throws MessagingException, IOException {
        try (InputStream raw = rawStream(part)) {
            return raw.readAllBytes();
        }
    }

    private static InputStream rawStream(Part part) throws MessagingException, IOException {
        if (part instanceof jakarta.mail.internet.MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        return new ByteArrayInputStream(out.toByteArray());
    }

    /** A text part's text: in its declared charset (read as its Windows superset), else as the message's raw bytes are read. */
    private String text(Part part) throws MessagingException, IOException {
        byte[] bytes = bytes(part);
        Charset charset = Charsets.forMime(contentType(part).get("charset"));
        return charset != null ? new String(bytes, charset) : raw8bit.decode(bytes);
    }

    /**
     * The part's content, its transfer encoding undone leniently (see {@link Transfer}); Jakarta
     * Mail's own decoding would refuse a broken base64 or uuencode body, and the agents would get
     * the encoded text.
     */
    private static byte[] bytes(Part part) throws MessagingException, IOException {
        if (part instanceof MimePart mime) {
            String encoding;
            try {
                encoding = mime.getEncoding();
            } catch (MessagingException e) {
                encoding = null; // an unreadable Content-Transfer-Encoding: the bytes as sent
            }
            return Transfer.decode(rawBody(part), encoding);
        }
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException | MessagingException e) {
            return rawBody(part); // an encoding that cannot be undone: keep what was sent, as it was sent
        }
    }

    private static String extension(String type) {
        return switch (type) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "application/pdf" -> ".pdf";
            case "text/plain" -> ".txt";
            case "text/html" -> ".html";
            case "text/calendar" -> ".ics";
            case "message/rfc822" -> ".eml";
            case "text/rfc822-headers", "message/rfc822-headers" -> ".txt";
            case "message/delivery-status" -> ".txt";
            case "application/pkcs7-signature", "application/x-pkcs7-signature" -> ".p7s";
            case "application/pkcs7-mime", "application/x-pkcs7-mime" -> ".p7m";
            case "application/pgp-signature" -> ".asc";
            case "application/ms-tnef", "application/vnd.ms-tnef" -> ".dat";
            default -> ".bin";
        };
    }
}
