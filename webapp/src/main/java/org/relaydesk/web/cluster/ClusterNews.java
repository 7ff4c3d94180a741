package org.relaydesk.web.cluster;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.chat.ChatChanged;
import org.relaydesk.core.chat.ChatDeskReport;
import org.relaydesk.core.plugin.PluginSwitched;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.ticket.TicketChanged;
import org.relaydesk.web.panel.PresenceReport;

/**
 * What one node tells the others, as a line of JSON: the data grid then carries plain strings, which
 * every node reads whatever its class loaders (a serialised record of the application would not load in
 * the data grid's threads), and a line that is not news of ours is dropped rather than trusted.
 */
final class ClusterNews {
    /** Larger lines are not ours (the largest, a ticket change with a long actor name, is far below). */
    static final int MAX_LENGTH = 16 * 1024;

    private ClusterNews() {
    }

    static String encode(Object news) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        if (news instanceof TicketChanged t) {
            json.add("kind", "ticket").add("workspace", t.workspaceId().toString()).add("ticket", t.ticketId().toString())
                    .add("number", t.number()).add("action", nullToEmpty(t.action())).add("actorType", nullToEmpty(t.actorType()));
            optional(json, "actorId", t.actorId());
            json.add("actorName", nullToEmpty(t.actorName()));
            optional(json, "message", t.messageId());
        } else if (news instanceof ChatChanged c) {
            json.add("kind", "chat").add("workspace", c.workspaceId().toString()).add("chat", c.chatId().toString())
                    .add("ticket", c.ticketId().toString());
        } else if (news instanceof PresenceReport p) {
            json.add("kind", "presence").add("workspace", p.workspaceId().toString()).add("ticket", p.ticketId().toString())
                    .add("user", p.userId().toString()).add("name", nullToEmpty(p.name())).add("replying", p.replying()).add("left", p.left());
        } else if (news instanceof ChatDeskReport d) {
            json.add("kind", "desk").add("workspace", d.workspaceId().toString()).add("agent", d.agentId().toString()).add("here", d.here());
        } else if (news instanceof PluginSwitched p) {
            json.add("kind", "plugin").add("plugin", p.pluginId()).add("enabled", p.enabled());
        } else {
            throw new IllegalArgumentException("not cluster news: " + news.getClass().getName());
        }
        return json.build().toString();
    }

    /** The news in a line, or empty when the line is not well-formed news of ours. */
    static Optional<Object> decode(String line) {
        if (line == null || line.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try (var reader = Jsonp.createReader(line)) {
            JsonObject json = reader.readObject();
            return Optional.of(switch (json.getString("kind")) {
                case "ticket" -> new TicketChanged(uuid(json, "workspace"), uuid(json, "ticket"), json.getJsonNumber("number").longValueExact(),
                        json.getString("action"), json.getString("actorType"), optionalUuid(json, "actorId"), json.getString("actorName"),
                        optionalUuid(json, "message"));
                case "chat" -> new ChatChanged(uuid(json, "workspace"), uuid(json, "chat"), uuid(json, "ticket"));
                case "presence" -> new PresenceReport(uuid(json, "workspace"), uuid(json, "ticket"), uuid(json, "user"), json.getString("name"),
                        json.getBoolean("replying"), json.getBoolean("left"));
                case "desk" -> new ChatDeskReport(uuid(json, "workspace"), uuid(json, "agent"), json.getBoolean("here"));
                case "plugin" -> new PluginSwitched(pluginId(json.getString("plugin")), json.getBoolean("enabled"));
                default -> throw new IllegalArgumentException("unknown kind");
            });
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String pluginId(String id) {
        if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("not a plugin id");
        }
        return id;
    }

    private static UUID uuid(JsonObject json, String name) {
        return UUID.fromString(json.getString(name));
    }

    private static UUID optionalUuid(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value == null || value == JsonValue.NULL ? null : UUID.fromString(json.getString(name));
    }

    private static void optional(JsonObjectBuilder json, String name, UUID value) {
        if (value != null) {
            json.add(name, value.toString());
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
