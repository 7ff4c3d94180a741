package org.relaydesk.plugin.email;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Entities;
import org.relaydesk.api.channel.OutboundAttachment;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.channel.QuotedMessage;

/**
 * An agent's reply as a proper email: from the mailbox's name and address, with the ticket number in
 * the subject, the threading headers the customer's mail program needs, the mailbox's signature,
 * the message it answers quoted below, in text and HTML, and the agent's files.
 */
final class OutgoingMail {
    /** How many earlier ids go into References: enough to thread, short enough for every server. */
    static final int MAX_REFERENCES = 20;
    private static final DateTimeFormatter QUOTE_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private OutgoingMail() {
    }

    /** A message with a fixed Message-ID: the one the host records before it is sent. */
    static final class Prepared extends MimeMessage {
        private final String id;

        Prepared(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + ">");
        }
    }

    static Prepared build(Session session, MailSettings settings, OutboundMessage reply) throws MessagingException, UnsupportedEncodingException {
        String id = MailIds.fresh(settings.fromAddress());
        Prepared mail = new Prepared(session, id);
        mail.setFrom(new InternetAddress(settings.fromAddress(), settings.fromName(), "UTF-8"));
        mail.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(reply.toAddress(), reply.toName(), "UTF-8"));
        mail.setSubject(subject(reply), "UTF-8");
        mail.setSentDate(new Date());
        List<String> references = reply.references();
        if (!references.isEmpty()) {
            mail.setHeader("In-Reply-To", "<" + references.get(references.size() - 1) + ">");
            List<String> recent = references.subList(Math.max(0, references.size() - MAX_REFERENCES), references.size());
            mail.setHeader("References", String.join(" ", recent.stream().map(r -> "<" + r + ">").toList()));
        }
        if (reply.ticketNumber() == null) {
            mail.setHeader("Auto-Submitted", "auto-generated"); // a notice, not a person's answer: auto-responders leave it alone
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain(settings, reply), "UTF-8");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(html(settings, reply), "text/html; charset=UTF-8");
        alternative.addBodyPart(html);
        if (reply.attachments().isEmpty()) {
            mail.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (OutboundAttachment file : reply.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.contentType())));
                part.setFileName(file.filename());
                part.setDisposition(jakarta.mail.Part.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            mail.setContent(mixed);
        }
        mail.saveChanges();
        return mail;
    }

    static String id(Prepared mail) {
        return mail.id;
    }

    /** "[#1001] Printer on fire": with the ticket's number once, so a reply to it finds the ticket even without headers. */
    static String subject(OutboundMessage reply) {
        String subject = reply.subject() == null || reply.subject().isBlank() ? "Your request" : reply.subject().strip();
        if (reply.ticketNumber() == null) {
            return subject;
        }
        String token = "[" + reply.ticketNumber() + "]";
        String bare = subject.replace(token, "").replaceAll("\\s+", " ").strip();
        return "Re: " + token + " " + bare.replaceFirst("(?i)^(re|aw|sv|fwd?):\\s*", "");
    }

    static String plain(MailSettings settings, OutboundMessage reply) {
        StringBuilder out = new StringBuilder(reply.text() == null ? "" : reply.text().strip());
        if (settings.signature() != null) {
            out.append("\n\n-- \n").append(settings.signature().strip());
        }
        QuotedMessage quoted = reply.quoted();
        if (quoted != null && quoted.text() != null && !quoted.text().isBlank()) {
            out.append("\n\n").append(attribution(quoted)).append('\n');
            for (String line : quoted.text().strip().split("\\R")) {
                out.append(line.isEmpty() ? ">" : "> " + line).append('\n');
            }
        }
        return out.toString();
    }

    static String html(MailSettings settings, OutboundMessage reply) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body>");
        out.append(reply.html() != null && !reply.html().isBlank() ? reply.html() : paragraphs(reply.text()));
        if (settings.signature() != null) {
            out.append("<div class=\"signature\" style=\"color:#555\">").append(paragraphs(settings.signature())).append("</div>");
        }
        QuotedMessage quoted = reply.quoted();
        if (quoted != null && quoted.text() != null && !quoted.text().isBlank()) {
            out.append("<div class=\"relaydesk_quote\"><p>").append(Entities.escape(attribution(quoted))).append("</p>")
                    .append("<blockquote type=\"cite\" style=\"margin:0 0 0 .8ex;border-left:2px solid #ccc;padding-left:1ex\">")
                    .append(paragraphs(quoted.text())).append("</blockquote></div>");
        }
        return out.append("</body></html>").toString();
    }

    private static String attribution(QuotedMessage quoted) {
        String who = quoted.authorName() == null || quoted.authorName().isBlank() ? "you" : quoted.authorName();
        return quoted.sentAt() == null ? who + " wrote:" : "On " + QUOTE_DATE.format(quoted.sentAt()) + ", " + who + " wrote:";
    }

    private static String paragraphs(String text) {
        if (text == null) {
            return "";
        }
        return "<p>" + Entities.escape(text.strip()).replaceAll("\\R\\R+", "</p><p>").replaceAll("\\R", "<br>") + "</p>";
    }
}
