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

    public void send(String toAddress, String toName, String subject, String text) throws DeliveryFailed {
        ChannelKind kind = plugins.channelKind(EMAIL).filter(k -> k.capabilities().contains(Capability.OUTBOUND))
                .orElseThrow(() -> new DeliveryFailed("no email channel is enabled to send notices (enable the channel-email plugin)", false));
        UUID account = mailbox().orElseThrow(() -> new DeliveryFailed("no mailbox can send notices: add an email account with an SMTP server", false));
        ChannelKind.Connector connector = null;
        try {
            connector = kind.connect(accounts.forConnector(account));
            connector.send(new OutboundMessage(null, toAddress, toName, subject, text, null, List.of(), null));
        } catch (ChannelException e) {
            throw new DeliveryFailed(org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Sending a notice through channel account " + account), false);
        } finally {
            if (connector != null) {
                connector.close();
            }
        }
    }

    private java.util.Optional<UUID> mailbox() {
        return tenancy.sql("SELECT CAST(id AS text) FROM channel_accounts WHERE workspace_id = CAST(?1 AS uuid) AND kind = ?2 AND enabled "
                        + "AND coalesce(config->>'smtp.host', '') <> '' ORDER BY created_at LIMIT 1")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, EMAIL).getResultStream().findFirst()
                .map(id -> UUID.fromString(id.toString()));
    }
}
