package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.MessageTemplate;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.canned.CannedResponse;
import org.relaydesk.core.canned.CannedResponseService;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.Ids;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * A messaging account's provider templates (WhatsApp message templates): a copy synced from the
 * provider (hourly by {@link TemplateSync}, or when an admin asks), listed for agents (the approved
 * ones) and admins (all, with their review), and sent on a ticket: checked (approved, every variable
 * given, through one of the requester's routes, not to an opted-out address), the text as the
 * customer reads it kept as the agent's message, the send queued through the outbox.
 */
@ApplicationScoped
public class TemplateService {
    static final int MAX_VALUE = 1000;

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    ChannelAccounts accounts;

    @Inject
    ReplyRoutes routes;

    @Inject
    TicketService tickets;

    @Inject
    CannedResponseService canned;

    /** A template as last synced; {@code approval} approved, pending, rejected, paused, disabled or other. */
    public record Template(UUID id, UUID accountId, String name, String language, String category, String approval, String approvalDetail,
            String header, String body, String footer, List<String> buttons, List<MessageTemplate.Variable> variables, Instant syncedAt) {
        public boolean approved() {
            return MessageTemplate.Approval.APPROVED.name().equalsIgnoreCase(approval);
        }

        MessageTemplate descriptor() {
            return new MessageTemplate(name, language, category, MessageTemplate.Approval.valueOf(approval.toUpperCase(java.util.Locale.ROOT)),
                    header, body, footer, buttons, variables, approvalDetail);
        }
    }

    /** The outcome of a sync: how many templates the account has now, when, and the error if it failed (the old copy is kept then). */
    public record Synced(int templates, Instant at, String error) {
    }

    /** The approved templates of an account, for agents choosing one. */
    @Transactional
    @RequiresRole(Role.AGENT)
    public List<Template> approved(UUID accountId) {
        accounts.get(accountId);
        return list(accountId).stream().filter(Template::approved).toList();
    }

    /** Every template of an account with its review state and the provider's reason, for admins. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<Template> all(UUID accountId) {
        accounts.get(accountId);
        return list(accountId);
    }

    /** Syncs one account's templates now (an admin's button). */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public Synced syncNow(UUID accountId) {
        accounts.get(accountId);
        return sync(accountId);
    }

    /**
     * Replaces the account's copy with what the provider lists; when the provider cannot be asked,
     * the copy stays and the error is kept with the account. Not role-checked: the hourly job's. A
     * transaction of its own, so one account's failure never undoes another's sync.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Synced sync(UUID accountId) {
        ChannelAccountRecord account = accounts.get(accountId);
        ChannelKind kind = plugins.channelKind(account.kind()).filter(k -> k.capabilities().contains(Capability.TEMPLATES))
                .orElseThrow(() -> new InvalidInputException("account", "this account's channel has no templates"));
        Instant now = Instant.now();
        List<MessageTemplate> listed;
        ChannelKind.Connector connector = null;
        try {
            connector = kind.connect(accounts.forConnector(accountId));
            listed = connector.templates();
        } catch (ChannelException e) {
            String error = org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Syncing the templates of channel account " + accountId);
            tenancy.sql("UPDATE channel_accounts SET templates_error = ?1 WHERE id = CAST(?2 AS uuid)").setParameter(1, error)
                    .setParameter(2, accountId.toString()).executeUpdate();
            return new Synced(list(accountId).size(), null, error);
        } finally {
            if (connector != null) {
                connector.close();
            }
        }
        tenancy.sql("DELETE FROM channel_templates WHERE account_id = CAST(?1 AS uuid)").setParameter(1, accountId.toString()).executeUpdate();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MessageTemplate t : listed) {
            if (!seen.add(t.name() + "\u0000" + t.language())) {
                continue; // a provider listing one twice: the first counts
            }
            var variables = Jsonp.createArrayBuilder();
            t.variables().forEach(v -> {
                var item = Jsonp.createObjectBuilder().add("key", v.key()).add("label", v.label());
                if (v.example() != null) {
                    item.add("example", v.example());
                }
                variables.add(item);
            });
            var buttons = Jsonp.createArrayBuilder();
            t.buttons().forEach(buttons::add);
            tenancy.sql("INSERT INTO channel_templates (id, workspace_id, account_id, name, language, category, approval, approval_detail, header, body, "
                            + "footer, buttons, variables, synced_at) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                            + "CAST(?12 AS jsonb), CAST(?13 AS jsonb), ?14)")
                    .setParameter(1, Ids.newId().toString()).setParameter(2, tenancy.workspaceId().toString()).setParameter(3, accountId.toString())
                    .setParameter(4, t.name()).setParameter(5, t.language()).setParameter(6, t.category()).setParameter(7, t.approval().name().toLowerCase(java.util.Locale.ROOT))
                    .setParameter(8, t.approvalDetail()).setParameter(9, t.header()).setParameter(10, t.body()).setParameter(11, t.footer())
                    .setParameter(12, buttons.build().toString()).setParameter(13, variables.build().toString()).setParameter(14, java.sql.Timestamp.from(now))
                    .executeUpdate();
        }
        tenancy.sql("UPDATE channel_accounts SET templates_synced_at = ?1, templates_error = NULL WHERE id = CAST(?2 AS uuid)")
                .setParameter(1, java.sql.Timestamp.from(now)).setParameter(2, accountId.toString()).executeUpdate();
        return new Synced(seen.size(), now, null);
    }

    /**
     * Sends an approved template on the ticket through {@code via} (one of the requester's routes).
     * {@code values} are keyed as the template's variables ("body.1"); each may use the canned
     * responses' variables ({{customer_name}}, {{ticket_number}}, {{agent_name}}), filled from the ticket.
     * Refused before anything is saved: an unknown or unapproved template, a missing or overlong
     * value, a route that is not the requester's or sends no templates (400), an opted-out address (409).
     */
    @Transactional
    @RequiresRole(Role.AGENT)
    public Message send(UUID ticketId, UUID via, String name, String language, Map<String, String> values, AuthenticatedUser agent) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(via != null, "via", "is required: the channel account to send through")
                .check(name != null && !name.isBlank(), "name", "is required")
                .check(language != null && !language.isBlank(), "language", "is required");
        errors.throwIfAny();
        ReplyRoutes.Route route = routes.route(ticketId, via, "via");
        if (!route.templates()) {
            throw new InvalidInputException("via", route.accountName() + " (" + route.kindName() + ") does not send templates");
        }
        if (route.optedOut()) {
            routes.requireFreeForm(tickets.get(ticketId), route); // names the opt-out, 409
        }
        Template template = list(via).stream().filter(t -> t.name().equals(name.trim()) && t.language().equalsIgnoreCase(language.trim())).findFirst()
                .orElseThrow(() -> new InvalidInputException("name", "no template '" + name + "' in " + language + " on " + route.accountName()
                        + " (sync the templates if it was added lately)"));
        if (!template.approved()) {
            throw new InvalidInputException("name", "the template '" + name + "' is " + template.approval() + ", not approved: only approved templates can be sent"
                    + (template.approvalDetail() == null ? "" : " (" + template.approvalDetail() + ")"));
        }
        Map<String, String> variables = canned.variables(ticketId, agent.name());
        Map<String, String> filled = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Map<String, String> given = values == null ? Map.of() : values;
        for (String key : given.keySet()) {
            if (template.variables().stream().noneMatch(v -> v.key().equals(key))) {
                errors.check(false, "values." + key, "the template has no variable " + key);
            }
        }
        for (MessageTemplate.Variable variable : template.variables()) {
            String value = given.get(variable.key());
            value = value == null ? null : CannedResponse.render(value, variables).strip();
            if (value == null || value.isEmpty()) {
                missing.add(variable.key() + " (" + variable.label() + ")");
            } else if (value.length() > MAX_VALUE) {
                errors.check(false, "values." + variable.key(), "at most " + MAX_VALUE + " characters");
            } else {
                filled.put(variable.key(), value);
            }
        }
        errors.check(missing.isEmpty(), "values", "every variable needs a value; missing: " + String.join(", ", missing));
        errors.throwIfAny();
        String text = template.descriptor().render(filled);
        var valuesJson = Jsonp.createObjectBuilder();
        filled.forEach(valuesJson::add);
        JsonObject payload = Jsonp.createObjectBuilder().add("name", template.name()).add("language", template.language()).add("values", valuesJson).build();
        return tickets.addTemplateMessage(ticketId, text, agent, via, route.kind(), template.name(), payload);
    }

    private List<Template> list(UUID accountId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT CAST(id AS text), name, language, category, approval, approval_detail, header, body, footer, "
                        + "CAST(buttons AS text), CAST(variables AS text), synced_at FROM channel_templates WHERE workspace_id = CAST(?1 AS uuid) "
                        + "AND account_id = CAST(?2 AS uuid) ORDER BY name, language")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, accountId.toString()).getResultList();
        return rows.stream().map(r -> new Template(UUID.fromString(r[0].toString()), accountId, (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], (String) r[8], strings(r[9].toString()), variables(r[10].toString()),
                ((java.sql.Timestamp) r[11]).toInstant())).toList();
    }

    private static List<String> strings(String json) {
        try (var reader = Jsonp.createReader(new java.io.StringReader(json))) {
            return reader.readArray().getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
        }
    }

    private static List<MessageTemplate.Variable> variables(String json) {
        try (var reader = Jsonp.createReader(new java.io.StringReader(json))) {
            JsonArray array = reader.readArray();
            return array.getValuesAs(JsonObject.class).stream().map(v -> new MessageTemplate.Variable(v.getString("key"),
                    v.getString("label", null), v.getString("example", null))).toList();
        }
    }
}
