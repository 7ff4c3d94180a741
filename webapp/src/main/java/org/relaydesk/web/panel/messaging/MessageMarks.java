package org.relaydesk.web.panel.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import org.relaydesk.core.channel.ChannelDeliveries;
import org.relaydesk.core.plugin.PluginHost;

/**
 * What the thread shows beside a message: the icon of where it came from or went out through
 * (email, WhatsApp, web form, portal, API, phone...) and, on a reply sent through a channel, its
 * delivery as ticks (✓ sent, ✓✓ delivered, ✓✓ coloured read, ⚠ failed with the provider's words).
 */
@ApplicationScoped
public class MessageMarks {
    /** Where messages come from that are no channel plugin's: icon (PrimeIcons) and words. */
    private static final Map<String, String[]> BUILT_IN = Map.of(
            "portal", new String[] {"pi-user", "Customer portal"},
            "api", new String[] {"pi-code", "API"},
            "web", new String[] {"pi-desktop", "Agent panel"},
            "agent", new String[] {"pi-desktop", "Agent panel"},
            "phone", new String[] {"pi-phone", "Phone"},
            "system", new String[] {"pi-cog", "Automation"},
            "note", new String[] {"pi-lock", "Internal note"},
            "widget", new String[] {"pi-comments", "Chat widget"});

    @Inject
    PluginHost plugins;

    /**
     * A message's marks: {@code icon} a PrimeIcons class, {@code source} in words, {@code ticks} the
     * delivery's symbol (empty when it went through no channel), {@code tickState} sending, sent,
     * delivered, read, failed..., and {@code tickTitle} the delivery in a sentence.
     */
    public record Marks(String icon, String source, String ticks, String tickState, String tickTitle) implements Serializable {
        public String getIcon() {
            return icon;
        }

        public String getSource() {
            return source;
        }

        public String getTicks() {
            return ticks;
        }

        public String getTickState() {
            return tickState;
        }

        public String getTickTitle() {
            return tickTitle;
        }
    }

    /**
     * {@code source} as the message recorded it (a channel kind, portal, agent...; null on older ones,
     * then {@code fallback}, the ticket's source channel); a reply that went out through a channel
     * shows that channel.
     */
    public Marks of(String source, String fallback, ChannelDeliveries.Delivery delivery, Instant now) {
        String shown = delivery != null && delivery.kind() != null ? delivery.kind() : source != null ? source : fallback;
        String[] where = where(shown);
        if (delivery == null) {
            return new Marks(where[0], where[1], "", "", "");
        }
        String ticks = switch (delivery.status()) {
            case "sent" -> "✓";
            case "delivered", "read" -> "✓✓";
            case "failed", "bounced", "not_sent" -> "⚠";
            default -> "…"; // sending or retrying
        };
        return new Marks(where[0], where[1], ticks, delivery.status(), delivery.describe(now));
    }

    /** The icon and words of a source: a channel plugin's own, or one of the desk's. */
    public String[] where(String source) {
        if (source == null) {
            return new String[] {"pi-question-circle", "Unknown source"};
        }
        String[] known = BUILT_IN.get(source);
        if (known != null) {
            return known;
        }
        return plugins.channelKind(source).map(k -> new String[] {k.icon() == null ? "pi-inbox" : k.icon(), k.name()})
                .orElse(new String[] {"pi-inbox", source});
    }
}
