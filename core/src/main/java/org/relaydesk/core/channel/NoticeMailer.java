package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.core.outbox.OutboxDeliverer.DeliveryFailed;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;

/**
 * Sends Relaydesk's own notices (password links, portal links, staff notifications) through the
 * workspace's mailbox: its oldest enabled email account that has an SMTP server. Without one, a
 * notice cannot go out yet; it waits in the outbox, retried with the outbox's growing pauses, and
 * goes out once a mailbox exists (or is replayed when it ran out of tries).
 */
@ApplicationScoped
public class NoticeMailer {
    static final String EMAIL = "email";

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    /** The address links in notices start with (relaydesk.base-url, set by the launcher). */
    public static String baseUrl() {
        String url = ConfigProvider.getConfig().getOptionalValue("relaydesk.base-url", String.class).orElse("http://localhost:8080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Whether a notice queued now can go out: an email channel is enabled and the workspace has a mailbox with SMTP (see {@link #sendAccountLink}). */
    public boolean canSend(boolean accountLinkOfSystemAdmin) {
        return plugins.channelKind(EMAIL).filter(k -> k.capabilities().contains(Capability.OUTBOUND)).isPresent()
                && mailbox(accountLinkOfSystemAdmin).isPresent();
    }

    public void send(String toAddress, String toName, String subject, String text) throws DeliveryFailed {
        send(toAddress, toName, subject, text, false, List.of());
    }

    /** A notice with files (a scheduled report's CSV). */
    public void sendWithAttachments(String toAddress, String toName, String subject, String text, List<org.relaydesk.api.channel.OutboundAttachment> files)
            throws DeliveryFailed {
        send(toAddress, toName, subject, text, false, files);
    }

    /**
     * A notice that hands over an account (a password link): for the system administrator's account
     * it goes only through a mailbox whose settings a system administrator saved last, since a
     * workspace admin could point any other mailbox at a server of their own and read the link there.
     */
    public void sendAccountLink(String toAddress, String toName, String subject, String text, boolean toSystemAdmin) throws DeliveryFailed {
        send(toAddress, toName, subject, text, toSystemAdmin, List.of());
    }

    private void send(String toAddress, String toName, String subject, String text, boolean systemAdminsMailboxOnly,
            List<org.relaydesk.api.channel.OutboundAttachment> files) throws DeliveryFailed {
        ChannelKind kind = plugins.channelKind(EMAIL).filter(k -> k.capabilities().contains(Capability.OUTBOUND))
                .orElseThrow(() -> new DeliveryFailed("no email channel is enabled to send notices (enable the channel-email plugin)", false));
        UUID account = mailbox(systemAdminsMailboxOnly).orElseThrow(() -> new DeliveryFailed(systemAdminsMailboxOnly
                ? "no mailbox saved by the system administrator can send the system administrator's password link"
                : "no mailbox can send notices: add an email account with an SMTP server", false));
        ChannelKind.Connector connector = null;
        try {
            connector = kind.connect(accounts.forConnector(account));
            connector.send(new OutboundMessage(null, toAddress, toName, subject, text, null, List.of(), null, null, files));
        } catch (ChannelException e) {
            throw new DeliveryFailed(org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Sending a notice through channel account " + account), false);
        } finally {
            if (connector != null) {
                connector.close();
            }
        }
    }

    /** The workspace's mailboxes that can send (enabled email accounts with an SMTP server), the one notices use first. */
    public List<UUID> mailboxes() {
        @SuppressWarnings("unchecked")
        List<Object> ids = tenancy.sql("SELECT CAST(id AS text) FROM channel_accounts WHERE workspace_id = CAST(?1 AS uuid) AND kind = ?2 AND enabled "
                        + "AND coalesce(config->>'smtp.host', '') <> '' ORDER BY created_at")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, EMAIL).getResultList();
        return ids.stream().map(id -> UUID.fromString(id.toString())).toList();
    }

    private java.util.Optional<UUID> mailbox(boolean savedBySystemAdmin) {
        return tenancy.sql("SELECT CAST(id AS text) FROM channel_accounts WHERE workspace_id = CAST(?1 AS uuid) AND kind = ?2 AND enabled "
                        + "AND coalesce(config->>'smtp.host', '') <> '' " + (savedBySystemAdmin ? "AND saved_by_system_admin " : "")
                        + "ORDER BY created_at LIMIT 1")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, EMAIL).getResultStream().findFirst()
                .map(id -> UUID.fromString(id.toString()));
    }
}
