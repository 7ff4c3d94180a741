package org.relaydesk.e2e;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real mail server for a test (GreenMail, SMTP and IMAP on free loopback ports) holding the desk's
 * mailbox, help@desk.test, and what the desk sent anyone. The desk reaches it as an email channel
 * account ({@link #accountJson}); the desk must allow private networks for that.
 */
final class TestMail implements AutoCloseable {
    static final String MAILBOX = "help@desk.test";
    static final String MAILBOX_USER = "help";
    static final String MAILBOX_PASSWORD = "imap-secret-pw";

    final GreenMail server;
    final int smtpPort;
    final int imapPort;
    private final GreenMailUser mailbox;

    private TestMail(GreenMail server, GreenMailUser mailbox, int smtpPort, int imapPort) {
        this.server = server;
        this.mailbox = mailbox;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    static TestMail start() throws IOException {
        int smtp;
        int imap;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            smtp = a.getLocalPort();
            imap = b.getLocalPort();
        }
        GreenMail server = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", "smtp"), new ServerSetup(imap, "127.0.0.1", "imap")});
        server.start();
        return new TestMail(server, server.setUser(MAILBOX, MAILBOX_USER, MAILBOX_PASSWORD), smtp, imap);
    }

    /** The body of {@code POST /api/channel-accounts} for an email account on this server, sending as "Desk Help". */
    String accountJson(String name) {
        return "{\"kind\":\"email\",\"name\":\"" + name + "\",\"enabled\":true,\"config\":{\"imap.host\":\"127.0.0.1\",\"imap.port\":\""
                + imapPort + "\",\"imap.security\":\"none\",\"imap.username\":\"" + MAILBOX_USER + "\",\"imap.password\":\"" + MAILBOX_PASSWORD
                + "\",\"smtp.host\":\"127.0.0.1\",\"smtp.port\":\"" + smtpPort + "\",\"smtp.security\":\"none\",\"from.address\":\"" + MAILBOX
                + "\",\"from.name\":\"Desk Help\"}}";
    }

    /** A customer's mail arriving in the desk's mailbox (the desk fetches it over IMAP). */
    void deliverToMailbox(MimeMessage message) {
        mailbox.deliver(message);
    }

    /** Everything delivered to the address (To or Cc), oldest first. */
    List<MimeMessage> to(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> recipients(m).contains(address)).toList();
    }

    /** The latest mail to the address whose subject starts so and that passes {@code also}, or null. */
    MimeMessage latest(String address, String subjectStart, Predicate<MimeMessage> also) {
        return to(address).stream().filter(m -> subject(m).startsWith(subjectStart)).filter(also).reduce((first, second) -> second).orElse(null);
    }

    MimeMessage latest(String address, String subjectStart) {
        return latest(address, subjectStart, m -> true);
    }

    /** Waits for {@link #latest(String, String, Predicate)}. */
    MimeMessage await(String address, String subjectStart, Predicate<MimeMessage> also, String what) throws Exception {
        return Await.await(() -> latest(address, subjectStart, also), what);
    }

    MimeMessage await(String address, String subjectStart, String what) throws Exception {
        return await(address, subjectStart, m -> true, what);
    }

    static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String to(MimeMessage message) {
        try {
            return message.getRecipients(RecipientType.TO) == null ? "" : Arrays.toString(message.getRecipients(RecipientType.TO));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain text: the first part of a multipart mail (a desk's reply), or the whole of a single-part one (a notice). */
    static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            // a mail with files nests its text one level deeper (mixed, then alternative)
            while (content instanceof Multipart parts) {
                content = parts.getBodyPart(0).getContent();
            }
            return (String) content;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw body with quoted-printable soft breaks and "=3D" undone: for finding links in any part. */
    static String rawBody(MimeMessage message) {
        return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
    }

    @Override
    public void close() {
        server.stop();
    }
}
