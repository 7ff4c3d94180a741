package org.relaydesk.core.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.channel.TemplateMessage;
import org.relaydesk.core.channel.ChannelAccounts;
import org.relaydesk.core.outbox.OutboxDeliverer;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.workspace.Workspace;

/**
 * Sends a portal verification code on WhatsApp. The code is made here, as it goes out, and only its
 * digest is kept. Like replies, free text goes only inside the conversation window (the number wrote
 * to the account in the last 24 hours); outside it the account's authentication template (or a
 * utility template named for codes) carries the code; without one the request fails with words the
 * customer reads on the page: write to the business number first, then ask again.
 */
@ApplicationScoped
public class WhatsAppCodeDeliverer implements OutboxDeliverer {
    static final String WINDOW_CLOSED = "WhatsApp lets us write to your number only after you have written to us. Send any message to our "
            + "WhatsApp number first, then ask for a new code.";

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    @Inject
    WhatsAppVerification verification;

    Clock clock = Clock.systemUTC();

    @Override
    public String kind() {
        return WhatsAppVerification.OUTBOX_KIND;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryFailed {
        JsonObject payload = entry.payloadObject();
        PhoneVerification request = verification.find(UUID.fromString(payload.getString("verification_id")));
        if (request == null || request.status() != PhoneVerification.Status.QUEUED) {
            return; // replaced by a newer request meanwhile: its code is not wanted
        }
        ChannelKind kind = plugins.channelKind(WhatsAppVerification.CHANNEL_KIND).orElse(null);
        if (kind == null || !kind.capabilities().contains(Capability.OUTBOUND)) {
            request.failed("WhatsApp is not available at the moment; please try again later.");
            return;
        }
        Instant now = clock.instant();
        String to = request.phone().substring(1);
        Workspace workspace = tenancy.global().find(Workspace.class, tenancy.workspaceId());
        String code = PhoneVerification.newCode();
        String text = code + " is your verification code for " + workspace.name() + ". It expires in 10 minutes. Do not share it with anyone.";
        TemplateMessage template = null;
        if (!windowOpen(kind, request.channelAccountId(), to, now)) {
            Object[] found = kind.capabilities().contains(Capability.TEMPLATES) ? verification.template(request.channelAccountId()).orElse(null) : null;
            if (found == null) {
                request.failed(WINDOW_CLOSED);
                return;
            }
            template = new TemplateMessage((String) found[0], (String) found[1], codeValues(found[2].toString(), code));
        }
        request.codeSent(code, now);
        OutboundMessage message = new OutboundMessage(null, to, null, "Verification code", text, null, List.of(), workspace.name(), null, List.of(),
                null, template, null);
        ChannelKind.Connector connector = null;
        try {
            connector = kind.connect(accounts.forConnector(request.channelAccountId()));
            connector.send(message);
        } catch (ChannelException e) {
            if (!e.retryable()) {
                request.failed(e.failure() == ChannelException.Failure.WINDOW_CLOSED ? WINDOW_CLOSED
                        : e.failure() == ChannelException.Failure.OPTED_OUT ? "This number asked to receive no more messages from us (STOP); send START to our WhatsApp number first."
                        : "WhatsApp refused to deliver the code to this number. Check the number and try again.");
                return;
            }
            throw new DeliveryFailed(org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Sending a portal verification code through channel account "
                    + request.channelAccountId()), false);
        } finally {
            if (connector != null) {
                connector.close();
            }
        }
    }

    /** Whether the number wrote to the account recently enough for free text (the plugin's conversation window). */
    private boolean windowOpen(ChannelKind kind, UUID accountId, String whatsAppId, Instant now) {
        if (kind.conversationWindow().isEmpty()) {
            return true;
        }
        List<?> last = tenancy.sql("SELECT max(a.last_customer_message_at) FROM contact_channel_activity a JOIN contact_identities i "
                        + "ON i.contact_id = a.contact_id WHERE a.workspace_id = CAST(?1 AS uuid) AND a.account_id = CAST(?2 AS uuid) "
                        + "AND i.kind = 'WHATSAPP' AND i.value = ?3")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, accountId.toString()).setParameter(3, whatsAppId).getResultList();
        Instant lastMessage = last.isEmpty() || last.get(0) == null ? null : ((java.sql.Timestamp) last.get(0)).toInstant();
        return kind.conversationWindow().get().isOpen(lastMessage, now);
    }

    /** Every variable of a code template gets the code (an authentication template's body and its copy-code button). */
    static Map<String, String> codeValues(String variablesJson, String code) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        try (var reader = Jsonp.createReader(new java.io.StringReader(variablesJson))) {
            reader.readArray().getValuesAs(JsonObject.class).forEach(v -> values.put(v.getString("key"), code));
        }
        if (values.isEmpty()) {
            values.put("body.1", code);
        }
        return values;
    }
}
