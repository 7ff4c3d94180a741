package org.relaydesk.plugin.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.relaydesk.api.channel.ChannelAccount;

/** GreenMail, a real IMAP and SMTP server, on free ports, with the support mailbox and an account pointing at it. */
final class TestMailServer implements AutoCloseable {
    static final String ADDRESS = "support@example.test";
    static final String PASSWORD = "mailbox-pw";
    final GreenMail mail;
    final int imapPort;
    final int smtpPort;

    TestMailServer() throws IOException {
        imapPort = freePort();
        smtpPort = freePort();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(ADDRESS, "support", PASSWORD);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("imap.host", "127.0.0.1");
        config.put("imap.port", String.valueOf(imapPort));
        config.put("imap.security", "none");
        config.put("imap.username", "support");
        config.put("imap.password", PASSWORD);
        config.put("smtp.host", "127.0.0.1");
        config.put("smtp.port", String.valueOf(smtpPort));
        config.put("smtp.security", "none");
        config.put("from.address", ADDRESS);
        config.put("from.name", "Example Support");
        config.put("poll.seconds", "30");
        return config;
    }

    ChannelAccount account(Map<String, String> changes) {
        Map<String, String> config = config();
        config.putAll(changes);
        return new ChannelAccount(java.util.UUID.randomUUID(), "email", "Support", config);
    }

    /** Puts a message into the mailbox's INBOX with IMAP APPEND, as a mail server delivering it would. */
    void append(String raw) throws Exception {
        append("INBOX", raw);
    }

    void append(String folderName, String raw) throws Exception {
        try (Store store = store(); Folder folder = store.getFolder(folderName)) {
            folder.open(Folder.READ_WRITE);
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            message.setFlag(Flags.Flag.SEEN, false);
            folder.appendMessages(new jakarta.mail.Message[] {message});
        }
    }

    Store store() throws Exception {
        Properties properties = new Properties();
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", imapPort, "support", PASSWORD);
        return store;
    }

    static String message(String id, String from, String subject, String text) {
        return "Message-ID: " + id + "\r\nFrom: " + from + "\r\nTo: " + ADDRESS + "\r\nSubject: " + subject
                + "\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n";
    }

    @Override
    public void close() {
        mail.stop();
    }
}
