package org.relaydesk.plugin.email;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelConnectorFactory;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.api.host.HostServices;
import org.relaydesk.api.plugin.ConfigField;
import org.relaydesk.api.plugin.ConfigField.Type;

/** The "email" channel kind: each account is a mailbox, read over IMAP and answered over SMTP. */
public final class EmailChannel implements ChannelConnectorFactory {
    private static final List<String> SECURITY = List.of("ssl", "starttls", "none");

    @Override
    public String kind() {
        return "email";
    }

    @Override
    public String name() {
        return "Email (IMAP and SMTP)";
    }

    @Override
    public String icon() {
        return "pi-envelope";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.INBOUND_POLLING, Capability.INBOUND_NOTIFY, Capability.ATTACHMENTS, Capability.OUTBOUND);
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.required("imap.host", "IMAP server", Type.TEXT).withHelp("Where mail for this address is read, e.g. imap.example.com"),
                ConfigField.optional("imap.port", "IMAP port", Type.NUMBER, "993"),
                ConfigField.select("imap.security", "IMAP security", "ssl", SECURITY)
                        .withHelp("ssl: TLS from the start (port 993); starttls: upgraded, required (port 143); none: only on a trusted network"),
                ConfigField.required("imap.username", "IMAP user name", Type.TEXT),
                ConfigField.required("imap.password", "IMAP password", Type.SECRET),
                ConfigField.optional("imap.folder", "Folder to read", Type.TEXT, "INBOX"),
                ConfigField.select("imap.after_import", "After import", "mark_seen", List.of("mark_seen", "move"))
                        .withHelp("mark_seen: imported mail is marked read and stays; move: it is moved to the archive folder"),
                ConfigField.optional("imap.archive_folder", "Archive folder", Type.TEXT, "Relaydesk").withHelp("Used with \"move\"; created if missing"),
                ConfigField.optional("smtp.host", "SMTP server", Type.TEXT, null).withHelp("Where replies are sent; without it the mailbox only receives"),
                ConfigField.optional("smtp.port", "SMTP port", Type.NUMBER, "587"),
                ConfigField.select("smtp.security", "SMTP security", "starttls", SECURITY),
                ConfigField.optional("smtp.username", "SMTP user name", Type.TEXT, null),
                ConfigField.optional("smtp.password", "SMTP password", Type.SECRET, null),
                ConfigField.required("from.address", "From address", Type.EMAIL).withHelp("The support address replies come from"),
                ConfigField.optional("from.name", "From name", Type.TEXT, null).withHelp("e.g. Example Support"),
                ConfigField.optional("signature", "Signature", Type.TEXT, null).withHelp("Added below every reply from this mailbox"),
                ConfigField.optional("poll.seconds", "Check every (seconds)", Type.NUMBER, "60")
                        .withHelp("For servers without IMAP IDLE; with IDLE new mail is read at once"));
    }

    /** What the host calls: every connection of the mailbox goes through the host's network rule. */
    @Override
    public ChannelConnector create(ChannelAccount account, HostServices host) throws ChannelException {
        return create(MailSettings.of(account, host.network().sockets()));
    }

    /** Without a host (the plugin's own tests against a local server): the JDK's sockets. */
    @Override
    public ChannelConnector create(ChannelAccount account) throws ChannelException {
        return create(MailSettings.of(account, null));
    }

    private static ChannelConnector create(MailSettings settings) throws ChannelException {
        if (!settings.imap().configured()) {
            throw new ChannelException("imap.host is required");
        }
        return new EmailConnector(settings);
    }

    @Override
    public InboundMessage parse(RawMessage raw) throws ChannelException {
        try {
            return MailParser.parse(raw.content());
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new ChannelException("the email cannot be read: " + e.getMessage(), e);
        }
    }
}
