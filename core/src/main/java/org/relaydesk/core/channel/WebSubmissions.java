package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.HttpChannelContext.Filed;
import org.relaydesk.api.channel.InboundAttachment;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.InvalidMessageException;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.field.CustomField;
import org.relaydesk.core.field.CustomFieldService;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.portal.PortalService;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.workspace.Workspace;

/**
 * A message a customer submitted on the web (a form): checked first, so the customer can correct
 * it; then stored like any inbound message and filed at once, so the answer can name the ticket.
 * A message that is stored but cannot be filed is set aside for the administrators, never lost.
 */
@ApplicationScoped
public class WebSubmissions {
    /** Stored, but not (yet) a ticket of its own: the answer names no number and no link. */
    static final Filed RECEIVED = new Filed(null, null);

    @Inject
    Tenancy tenancy;

    @Inject
    CustomFieldService customFields;

    @Inject
    InboundFiling filing;

    @Inject
    PortalService portal;

    @Inject
    ChannelAccounts accounts;

    @jakarta.annotation.Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    /** The workspace's ticket fields, on a managed thread of its own (asked for by a plugin's call thread, which has no container context). */
    @ActivateRequestContext
    public List<org.relaydesk.api.channel.HttpChannelContext.TicketField> ticketFields(UUID workspaceId) {
        tenancy.actAs(workspaceId);
        return ChannelHttp.ticketFields(customFields.list());
    }

    /** Runs on a managed thread of its own (the plugin's call thread has no container context). */
    @ActivateRequestContext
    public Filed submit(UUID workspaceId, UUID accountId, ChannelKind kind, RawMessage raw, boolean confirmByEmail) throws ChannelException {
        tenancy.actAs(workspaceId);
        InboundMessage message = kind.parse(accounts.forConnector(accountId), raw);
        check(message);
        InboundStore store = new InboundStore(dataSource, workspaceId, accountId);
        if (!store.accept(raw)) {
            throw new ChannelException("this message was sent before");
        }
        UUID id = UUID.fromString(tenancy.sql("SELECT CAST(id AS text) FROM inbound_messages WHERE account_id = CAST(?1 AS uuid) AND external_id = ?2")
                .setParameter(1, accountId.toString()).setParameter(2, raw.externalId()).getSingleResult().toString());
        InboundFiling.Outcome outcome;
        try {
            outcome = filing.file(id);
        } catch (RuntimeException e) {
            filing.setAside(id, e.getMessage() == null ? e.toString() : e.getMessage());
            return RECEIVED; // stored and set aside for the administrators: the sender must not send it again
        }
        UUID ticketId = outcome != null ? (InboundFiling.OPENED.equals(outcome.detail()) ? outcome.ticketId() : null) : filedMeanwhile(id);
        if (ticketId == null) {
            return RECEIVED; // kept (and shown to the agents), but no new ticket of the sender's own: no number, no link
        }
        Ticket ticket = tenancy.em().find(Ticket.class, ticketId);
        Workspace workspace = tenancy.global().find(Workspace.class, workspaceId);
        if (confirmByEmail) {
            portal.confirmReceipt(ticket.id(), message.fromAddress());
        }
        return new Filed(workspace.ticketPrefix() + ticket.number(), portal.statusLink(ticket.id()));
    }

    /** The filing job took the message first: the ticket it opened with it, if it opened one. */
    private UUID filedMeanwhile(UUID id) {
        Object[] row = (Object[]) tenancy.sql("SELECT CAST(ticket_id AS text), status FROM inbound_messages WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, id.toString()).getSingleResult();
        return row[0] == null || !"done".equals(row[1]) ? null : UUID.fromString(row[0].toString());
    }

    /** The ticket field values and files, as the ticket would take them; every problem named by the form's field. */
    private void check(InboundMessage message) throws InvalidMessageException {
        Map<String, String> errors = new LinkedHashMap<>();
        java.util.List<CustomField> fields = customFields.list();
        if (!message.ticketFields().isEmpty() || fields.stream().anyMatch(CustomField::required)) {
            try {
                Map<String, Object> values = new LinkedHashMap<>(message.ticketFields());
                fields.forEach(field -> values.putIfAbsent(field.key(), ""));
                customFields.merge(null, values, true);
            } catch (InvalidInputException e) {
                e.fieldErrors().forEach((label, why) -> errors.put(fields.stream().filter(f -> f.label().equals(label))
                        .map(f -> "fields." + f.key()).findFirst().orElse(label), why));
            }
        }
        for (InboundAttachment file : message.attachments()) {
            try {
                AttachmentService.check(file.filename(), file.content());
            } catch (InvalidInputException e) {
                errors.put("files", String.join("; ", e.fieldErrors().values()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidMessageException(errors);
        }
    }
}
