package org.relaydesk.core.channel;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.HttpChannelContext;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.HttpResponse;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.core.field.CustomFieldService;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;

/**
 * Web requests to a channel account's public address ({@code /api/public/channels/{id}/...}),
 * handed to its connector with the host's services ({@link HttpChannelContext}). An account that
 * does not exist, is switched off, or whose kind takes no web requests answers 404, the same for
 * all, so the address reveals nothing. Connectors are kept per account and made anew when its
 * settings or its plugin change.
 */
@ApplicationScoped
public class ChannelHttp {
    /** How long a submission may take to be stored and filed. */
    static final long FILING_SECONDS = 30;

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    @Inject
    CustomFieldService customFields;

    @Inject
    SecretBox secrets;

    @Inject
    WebSubmissions submissions;

    @Resource
    ManagedExecutorService executor;

    private record Connection(ChannelKind kind, Instant accountUpdatedAt, ChannelKind.Connector connector) {
    }

    private final Map<UUID, Connection> connections = new ConcurrentHashMap<>();

    /** Where an account's web requests arrive. */
    public static String publicUrl(UUID accountId) {
        return NoticeMailer.baseUrl() + "/api/public/channels/" + accountId + "/";
    }

    public HttpResponse dispatch(UUID accountId, HttpRequest request) {
        Object[] row = (Object[]) tenancy.sql("SELECT CAST(workspace_id AS text), kind, updated_at FROM channel_accounts WHERE id = CAST(?1 AS uuid) "
                + "AND enabled").setParameter(1, accountId.toString()).getResultStream().findFirst().orElse(null);
        Optional<ChannelKind> kind = row == null ? Optional.empty() : plugins.channelKind(row[1].toString())
                .filter(k -> k.capabilities().contains(Capability.INBOUND_HTTP));
        if (kind.isEmpty()) {
            return HttpResponse.json(404, "{\"message\":\"Not found.\"}");
        }
        UUID workspaceId = UUID.fromString(row[0].toString());
        tenancy.actAs(workspaceId);
        try {
            ChannelKind.Connector connector = connector(accountId, kind.get(), ((java.sql.Timestamp) row[2]).toInstant());
            return connector.handle(request, context(workspaceId, accountId, kind.get()));
        } catch (ChannelException e) {
            return HttpResponse.json(503, "{\"message\":\"This form is not available right now. Please try again later.\"}");
        }
    }

    private ChannelKind.Connector connector(UUID accountId, ChannelKind kind, Instant updatedAt) throws ChannelException {
        Connection current = connections.get(accountId);
        if (current != null && current.kind() == kind && current.accountUpdatedAt().equals(updatedAt)) {
            return current.connector();
        }
        ChannelKind.Connector made = kind.connect(accounts.forConnector(accountId));
        Connection replaced = connections.put(accountId, new Connection(kind, updatedAt, made));
        if (replaced != null) {
            replaced.connector().close();
        }
        return made;
    }

    private HttpChannelContext context(UUID workspaceId, UUID accountId, ChannelKind kind) {
        String publicUrl = publicUrl(accountId);
        byte[] signingKey = secrets.derive("channel-account:" + accountId + ":signing");
        // read here, on the request's thread: the plugin's own call thread has no request context (and so no workspace)
        List<HttpChannelContext.TicketField> fields = customFields.list().stream()
                .map(f -> new HttpChannelContext.TicketField(f.key(), f.label(), f.type().name().toLowerCase(Locale.ROOT), f.options(), f.required()))
                .toList();
        return new HttpChannelContext() {
            public String publicUrl() {
                return publicUrl;
            }

            public byte[] signingKey() {
                return signingKey.clone();
            }

            public List<TicketField> ticketFields() {
                return fields;
            }

            public Filed submit(RawMessage message, boolean confirmByEmail) throws ChannelException {
                // the plugin's thread has no container context: the filing runs on a managed one
                var filed = executor.submit(() -> submissions.submit(workspaceId, accountId, kind, message, confirmByEmail));
                try {
                    return filed.get(FILING_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof org.relaydesk.api.channel.InvalidMessageException refused) {
                        throw refused;
                    }
                    // the details are for the log, not for whoever filled in a form
                    java.util.logging.Logger.getLogger(ChannelHttp.class.getName()).log(java.util.logging.Level.WARNING,
                            "A web submission to channel account " + accountId + " could not be taken", e.getCause());
                    throw new ChannelException("Your message could not be taken just now; please try again in a few minutes.", e.getCause());
                } catch (TimeoutException e) {
                    // it may be stored and filed a moment later: sending it again would make a second ticket
                    throw new ChannelException("Your message is taking long to arrive; it may well have reached us, so please wait for our email "
                            + "before you send it again.", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ChannelException("interrupted", e);
                }
            }
        };
    }
}
