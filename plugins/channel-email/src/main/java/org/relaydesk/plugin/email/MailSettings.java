package org.relaydesk.plugin.email;

import java.time.Duration;
import java.util.Properties;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelException;

/** A mailbox's settings, read and checked once, and the Jakarta Mail properties they make. */
record MailSettings(Server imap, String folder, boolean moveAfterImport, String archiveFolder, Server smtp, String fromAddress, String fromName,
        String signature, Duration pollInterval, javax.net.SocketFactory sockets) {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Longer than any IDLE wait ({@link ImapInbox#LONGEST_IDLE}), so a quiet mailbox is not taken for a dead connection. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(50);

    /** How a connection is secured: "ssl" from the first byte, "starttls" upgraded (required), or "none". */
    record Server(String host, int port, String security, String username, String password) {
        boolean configured() {
            return host != null;
        }
    }

    /**
     * {@code sockets}: the host's checked sockets ({@link org.relaydesk.api.host.OutboundNetwork#sockets()}),
     * through which every connection to the IMAP and SMTP servers is made, so a mailbox cannot point at
     * an address the operator does not allow; null only where there is no host (the plugin's own tests).
     */
    static MailSettings of(ChannelAccount account, javax.net.SocketFactory sockets) throws ChannelException {
        try {
            Server imap = new Server(account.get("imap.host"), account.integer("imap.port", 993), account.get("imap.security", "ssl"),
                    account.get("imap.username"), account.get("imap.password"));
            Server smtp = new Server(account.get("smtp.host"), account.integer("smtp.port", 587), account.get("smtp.security", "starttls"),
                    account.get("smtp.username"), account.get("smtp.password"));
            String from = account.get("from.address");
            if (from == null) {
                throw new ChannelException("from.address is required: the address customers write to and get answers from");
            }
            int poll = Math.max(5, account.integer("poll.seconds", 60));
            return new MailSettings(imap, account.get("imap.folder", "INBOX"), "move".equals(account.get("imap.after_import", "mark_seen")),
                    account.get("imap.archive_folder", "Relaydesk"), smtp, from, account.get("from.name"), account.get("signature"),
                    Duration.ofSeconds(poll), sockets);
        } catch (NumberFormatException e) {
            throw new ChannelException("a port or poll.seconds is not a number: " + e.getMessage());
        }
    }

    Properties imapProperties() {
        Properties properties = properties(imap, "imap");
        // read with BODY.PEEK: fetching a message must not mark it read before the host has stored it
        properties.setProperty("mail." + protocol(imap, "imap") + ".peek", "true");
        return properties;
    }

    Properties smtpProperties() {
        Properties properties = properties(smtp, "smtp");
        String protocol = protocol(smtp, "smtp");
        properties.setProperty("mail." + protocol + ".auth", String.valueOf(smtp.username() != null));
        properties.setProperty("mail." + protocol + ".from", fromAddress);
        return properties;
    }

    static String protocol(Server server, String base) {
        return "ssl".equals(server.security()) ? base + "s" : base;
    }

    private Properties properties(Server server, String base) {
        // the network sessions: addresses read leniently, UTF-8 headers (RFC 6531/6532) sent and received as they are
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.allowutf8", "true");
        String protocol = protocol(server, base);
        String prefix = "mail." + protocol + ".";
        properties.setProperty(base.equals("imap") ? "mail.store.protocol" : "mail.transport.protocol", protocol);
        properties.setProperty(prefix + "host", server.host() == null ? "" : server.host());
        properties.setProperty(prefix + "port", String.valueOf(server.port()));
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
        properties.setProperty(prefix + "timeout", String.valueOf(READ_TIMEOUT.toMillis()));
        properties.setProperty(prefix + "writetimeout", String.valueOf(READ_TIMEOUT.toMillis()));
        if (sockets != null) {
            // every connection, TLS or not, starts as one of the host's sockets (TLS is layered on it);
            // no fallback: a refused address must not be retried with a plain socket
            properties.put(prefix + "socketFactory", sockets);
            properties.setProperty(prefix + "socketFactory.fallback", "false");
        }
        if ("starttls".equals(server.security())) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (!"none".equals(server.security())) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }
}
