package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.channel.AutoReplySettings;
import org.relaydesk.core.channel.ChannelAccounts;
import org.relaydesk.core.channel.InboundMessages;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/**
 * A workspace's channel accounts (admins): {kind, name, config}, with how the last fetch went.
 * Secret settings are write-only: answers list them under secrets_set, never their values.
 */
@Path("/channel-accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
@SecurityRequirement(name = "bearer")
public class ChannelAccountResource {
    @Inject
    ChannelAccounts accounts;

    @Inject
    InboundMessages inbound;

    @Inject
    PluginHost plugins;

    @Inject
    CurrentUser currentUser;

    public record AccountJson(UUID id, String kind, String name, boolean enabled, Map<String, String> config, Set<String> secretsSet,
            UUID defaultTeamId, UUID defaultCategoryId, String defaultPriority, String status, String lastError, Instant lastFetchAt,
            boolean kindAvailable, AutoRepliesJson autoReplies, Instant createdAt, Instant updatedAt) {
        static AccountJson of(ChannelAccounts.AccountView v) {
            var a = v.account();
            return new AccountJson(a.id(), a.kind(), a.name(), a.enabled(), v.config(), v.secretsSet(), a.defaultTeamId(), a.defaultCategoryId(),
                    a.defaultPriority(), a.status(), a.lastError(), a.lastFetchAt(), v.kindAvailable(), AutoRepliesJson.of(a.autoReplies()),
                    a.createdAt(), a.updatedAt());
        }
    }

    /** The account's automatic replies (null texts: off). */
    public record AutoRepliesJson(String acknowledgementMessage, String awayMessage, UUID businessCalendarId, int intervalHours, boolean onEmail) {
        static AutoRepliesJson of(AutoReplySettings s) {
            return new AutoRepliesJson(s.acknowledgement(), s.away(), s.calendarId(), s.intervalHours(), s.onEmail());
        }
    }

    public record AccountList(List<AccountJson> accounts) {
    }

    public record FieldJson(String key, String label, String type, boolean required, String defaultValue, List<String> options, String help) {
        static FieldJson of(org.relaydesk.api.plugin.ConfigField f) {
            return new FieldJson(f.key(), f.label(), f.type().name().toLowerCase(java.util.Locale.ROOT), f.required(), f.defaultValue(), f.options(), f.help());
        }
    }

    public record KindJson(String kind, String name, String icon, String plugin, List<String> capabilities, List<FieldJson> fields) {
        static KindJson of(ChannelKind k) {
            return new KindJson(k.kind(), k.name(), k.icon(), k.pluginId(), k.capabilities().stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                    .sorted().toList(), k.fields().stream().map(FieldJson::of).toList());
        }
    }

    public record KindList(List<KindJson> kinds) {
    }

    public record MessageList(List<InboundMessages.Entry> messages) {
    }

    @GET
    public AccountList list() {
        currentUser.require(Role.ADMIN);
        return new AccountList(accounts.list().stream().map(AccountJson::of).toList());
    }

    /** The kinds the enabled plugins offer, with the settings each needs (what the panel's form shows). */
    @GET
    @Path("/kinds")
    public KindList kinds() {
        currentUser.require(Role.ADMIN);
        return new KindList(plugins.channelKinds().stream().map(KindJson::of).toList());
    }

    @GET
    @Path("/{id}")
    public AccountJson get(@PathParam("id") String id) {
        currentUser.require(Role.ADMIN);
        return AccountJson.of(accounts.view(Params.pathId(id, "Channel account")));
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.ADMIN);
        return Response.status(Response.Status.CREATED).entity(AccountJson.of(accounts.create(input(json)))).build();
    }

    /** Settings left out keep their values; a secret left out or blank keeps the stored one. */
    @PUT
    @Path("/{id}")
    public AccountJson update(@PathParam("id") String id, JsonObject json) {
        UUID accountId = Params.pathId(id, "Channel account");
        currentUser.require(Role.ADMIN);
        ChannelAccounts.AccountView current = accounts.view(accountId);
        Body body = new Body(json);
        Map<String, String> config = new LinkedHashMap<>(current.config());
        config.putAll(settingsOf(json, "config"));
        var a = current.account();
        return AccountJson.of(accounts.update(accountId, new ChannelAccounts.AccountInput(body.string("kind"),
                body.has("name") ? body.string("name") : a.name(), body.has("enabled") ? body.bool("enabled") : a.enabled(), config,
                body.has("default_team_id") ? body.id("default_team_id") : a.defaultTeamId(),
                body.has("default_category_id") ? body.id("default_category_id") : a.defaultCategoryId(),
                body.has("default_priority") ? body.string("default_priority") : a.defaultPriority(), autoReplies(json, a.autoReplies()))));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        UUID accountId = Params.pathId(id, "Channel account");
        currentUser.require(Role.ADMIN);
        accounts.delete(accountId);
        return Response.noContent().build();
    }

    /** What the account received, newest first; {@code status}: pending, done, failed (set aside) or ignored. */
    @GET
    @Path("/{id}/messages")
    public MessageList messages(@PathParam("id") String id, @QueryParam("status") String status, @QueryParam("limit") String limit) {
        currentUser.require(Role.ADMIN);
        return new MessageList(inbound.list(Params.pathId(id, "Channel account"), status == null || status.isBlank() ? null : status,
                Params.intInRange(limit, "limit", 50, 1, 200)));
    }

    @POST
    @Path("/{id}/messages/{messageId}/retry")
    public Response retry(@PathParam("id") String id, @PathParam("messageId") String messageId) {
        currentUser.require(Role.ADMIN);
        inbound.retry(Params.pathId(id, "Channel account"), Params.pathId(messageId, "Inbound message"));
        return Response.accepted().build();
    }

    private static ChannelAccounts.AccountInput input(JsonObject json) {
        Body body = new Body(json);
        return new ChannelAccounts.AccountInput(body.string("kind"), body.string("name"), body.bool("enabled"), settingsOf(json, "config"),
                body.id("default_team_id"), body.id("default_category_id"), body.string("default_priority"), autoReplies(json, AutoReplySettings.NONE));
    }

    /**
     * {@code auto_replies}: {acknowledgement_message, away_message, business_calendar_id, interval_hours, on_email};
     * members left out keep {@code current}'s values, the whole object left out keeps them all (null).
     */
    static AutoReplySettings autoReplies(JsonObject json, AutoReplySettings current) {
        JsonValue given = json == null ? null : json.get("auto_replies");
        if (given == null) {
            return null;
        }
        if (!(given instanceof JsonObject object)) {
            throw new InvalidInputException("auto_replies", "must be an object");
        }
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String acknowledgement = text(object, "acknowledgement_message", current.acknowledgement(), errors);
        String away = text(object, "away_message", current.away(), errors);
        UUID calendar = current.calendarId();
        if (object.containsKey("business_calendar_id")) {
            String id = text(object, "business_calendar_id", null, errors);
            try {
                calendar = id == null || id.isBlank() ? null : UUID.fromString(id.trim());
            } catch (IllegalArgumentException e) {
                errors.check(false, "auto_replies.business_calendar_id", "must be a calendar's id (a UUID)");
            }
        }
        int interval = current.intervalHours();
        JsonValue hours = object.get("interval_hours");
        if (hours != null && hours.getValueType() != JsonValue.ValueType.NULL) {
            boolean whole = hours instanceof jakarta.json.JsonNumber n && n.isIntegral();
            errors.check(whole, "auto_replies.interval_hours", "must be a whole number of hours");
            interval = whole ? ((jakarta.json.JsonNumber) hours).intValue() : interval;
        }
        boolean onEmail = current.onEmail();
        JsonValue email = object.get("on_email");
        if (email != null && email.getValueType() != JsonValue.ValueType.NULL) {
            boolean flag = email.getValueType() == JsonValue.ValueType.TRUE || email.getValueType() == JsonValue.ValueType.FALSE;
            errors.check(flag, "auto_replies.on_email", "must be true or false");
            onEmail = flag ? email.getValueType() == JsonValue.ValueType.TRUE : onEmail;
        }
        errors.throwIfAny();
        return new AutoReplySettings(acknowledgement, away, calendar, interval, onEmail);
    }

    private static String text(JsonObject object, String field, String current, InvalidInputException.Collector errors) {
        JsonValue value = object.get(field);
        if (value == null) {
            return current;
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        errors.check(value instanceof JsonString, "auto_replies." + field, "must be a string");
        return value instanceof JsonString s ? s.getString() : current;
    }

    /** The object {@code field} of settings, key to text (null for an explicit null). */
    static Map<String, String> settingsOf(JsonObject json, String field) {
        Map<String, String> config = new LinkedHashMap<>();
        JsonValue given = json == null ? null : json.get(field);
        if (given == null || given.getValueType() == JsonValue.ValueType.NULL) {
            return config;
        }
        if (!(given instanceof JsonObject object)) {
            throw new InvalidInputException(field, "must be an object of settings");
        }
        object.forEach((key, value) -> config.put(key, value.getValueType() == JsonValue.ValueType.NULL ? null
                : value instanceof JsonString s ? s.getString() : value.toString()));
        return config;
    }
}
