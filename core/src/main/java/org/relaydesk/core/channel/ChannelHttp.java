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
    @Inject
    org.relaydesk.core.job.OwnTransaction own;

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

    @Inject
    ChannelRequestLog requestLog;

    @Resource
    ManagedExecutorService executor;

    @Inject
    InboundWorkers workers;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    javax.sql.DataSource dataSource;

    private record Connection(ChannelKind kind, Instant accountUpdatedAt, ChannelKind.Connector connector) {
    }

    private final Map<UUID, Connection> connections = new ConcurrentHashMap<>();

    /** Where an account's web requests arrive. */
    public static String publicUrl(UUID accountId) {
        return NoticeMailer.baseUrl() + "/api/public/channels/" + accountId + "/";
    }

    /** A messaging provider's notification: Meta's are a few KB, and a WhatsApp webhook takes at most 3 MB. */
    public static final int MESSAGING_MAX_BODY = 3 * 1024 * 1024;
    /** A form's files (20 MB at most), base64-encoded, and its text; about what the host stores of one message (30 MB). */
    public static final int FORM_MAX_BODY = 30 * 1024 * 1024;

    /** An enabled account whose kind takes web requests, read once for the request that is being answered. */
    public record Account(UUID id, UUID workspaceId, ChannelKind kind, Instant updatedAt) {
    }

    /**
     * How a post to an account's public address is taken, decided before its body is read.
     * {@code provesSenders}: an enabled account of a messaging kind taking web requests (its provider
     * signs its webhooks), so that only refused posts need to count against the sender's address;
     * {@code maxBody}: the most bytes of a body read for it; {@code account}: what the post is then
     * dispatched to ({@link #dispatch(PostRules, HttpRequest)}), so that it is read once per post.
     */
    public record PostRules(boolean provesSenders, int maxBody, Account account) {
    }

    /** The rules for posts to the account's public address; empty when it takes none (missing, disabled, no web requests): 404 unread. */
    public Optional<PostRules> postRules(UUID accountId) {
        return account(accountId).map(a -> a.kind().messaging() ? new PostRules(true, MESSAGING_MAX_BODY, a) : new PostRules(false, FORM_MAX_BODY, a));
    }

    /**
     * What {@link #account} read lately, for a second: a provider's burst of webhooks to one number
     * then costs one query, not one each. So an account switched off (or changed) takes up to that
     * long to be refused (or to answer with its new settings) on another node; on the node where it
     * was saved, at once ({@link #forget}). Bounded; an address that names no account is kept too, so
     * that the same made-up address sent again costs no query.
     */
    private final com.github.benmanes.caffeine.cache.Cache<UUID, Optional<AccountRow>> recentAccounts = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumSize(10_000).expireAfterWrite(java.time.Duration.ofSeconds(1)).build();

    /** Once the change is committed, so that a webhook meanwhile cannot put the old row back. */
    void forget(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS) ChannelAccountChanged change) {
        recentAccounts.invalidate(change.accountId());
    }

    private record AccountRow(UUID workspaceId, String kind, Instant updatedAt) {
    }

    /** The account if it is enabled and its kind takes web requests. */
    private Optional<Account> account(UUID accountId) {
        return recentAccounts.get(accountId, this::readAccount)
                .flatMap(row -> plugins.channelKind(row.kind()).filter(k -> k.capabilities().contains(Capability.INBOUND_HTTP))
                        .map(k -> new Account(accountId, row.workspaceId(), k, row.updatedAt())));
    }

    private Optional<AccountRow> readAccount(UUID accountId) {
        // read in a transaction of its own: this runs on a request thread without one, where a query on the
        // container's entity manager could meet it closed under load
        Object[] row = (Object[]) own.call(() -> tenancy.sql("SELECT CAST(workspace_id AS text), kind, updated_at FROM channel_accounts "
                + "WHERE id = CAST(?1 AS uuid) AND enabled").setParameter(1, accountId.toString()).getResultList().stream().findFirst().orElse(null));
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new AccountRow(UUID.fromString(row[0].toString()), row[1].toString(), ((java.sql.Timestamp) row[2]).toInstant()));
    }

    public HttpResponse dispatch(UUID accountId, HttpRequest request) {
        return account(accountId).map(a -> dispatch(a, request)).orElseGet(() -> HttpResponse.json(404, "{\"message\":\"Not found.\"}"));
    }

    /** A post whose account {@link #postRules} has just read. */
    public HttpResponse dispatch(PostRules rules, HttpRequest request) {
        return dispatch(rules.account(), request);
    }

    private HttpResponse dispatch(Account account, HttpRequest request) {
        tenancy.actAs(account.workspaceId());
        // every request the account answers goes to its request log (written off this thread; a failed write is only a warning)
        RequestTrace trace = new RequestTrace(account.workspaceId(), account.id(), request, Instant.now());
        HttpResponse answer;
        try {
            ChannelKind.Connector connector = connector(account.id(), account.kind(), account.updatedAt());
            answer = connector.handle(request, context(account.workspaceId(), account.id(), account.kind(), trace));
        } catch (ChannelException e) {
            // ours, not the sender's (the plugin failed, is paused, or has all its places taken): a provider retries a 503
            answer = account.kind().messaging()
                    ? HttpResponse.json(503, "{\"message\":\"The notification could not be taken just now; please retry.\"}")
                    : HttpResponse.json(503, "{\"message\":\"This form is not available right now. Please try again later.\"}");
        }
        requestLog.record(trace.answered(answer));
        return answer;
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

    static List<HttpChannelContext.TicketField> ticketFields(List<org.relaydesk.core.field.CustomField> fields) {
        return fields.stream()
                .map(f -> new HttpChannelContext.TicketField(f.key(), f.label(), f.type().name().toLowerCase(Locale.ROOT), f.options(), f.required()))
                .toList();
    }

    private HttpChannelContext context(UUID workspaceId, UUID accountId, ChannelKind kind, RequestTrace trace) {
        String publicUrl = publicUrl(accountId);
        byte[] signingKey = secrets.derive("channel-account:" + accountId + ":signing");
        // a form needs them for every post: read here, on the request's thread (the plugin's own call thread has no
        // request context, and so no workspace); a messaging webhook does not, and is answered without this query
        List<HttpChannelContext.TicketField> fields = kind.messaging() ? null : ticketFields(customFields.list());
        // a webhook's durable inbox: each message committed on its own connection before accept returns (the plugin's
        // thread has no transaction), idempotent by (account, external id), for InboundProcessing to file
        org.relaydesk.api.channel.InboundSink inbox = trace.watching(new InboundStore(dataSource, workspaceId, accountId, workers::wake));
        return new HttpChannelContext() {
            public org.relaydesk.api.channel.InboundSink inbox() {
                return inbox;
            }

            public String publicUrl() {
                return publicUrl;
            }

            public byte[] signingKey() {
                return signingKey.clone();
            }

            public List<TicketField> ticketFields() {
                if (fields != null) {
                    return fields;
                }
                try {
                    return executor.submit(() -> submissions.ticketFields(workspaceId)).get(FILING_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the ticket fields", e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("the ticket fields could not be read", e);
                }
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
