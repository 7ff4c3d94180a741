package org.relaydesk.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.chat.ChatChanged;
import org.relaydesk.core.chat.ChatDeskReport;
import org.relaydesk.core.ticket.TicketChanged;
import org.relaydesk.web.panel.PresenceReport;

/** What nodes tell each other arrives as it was sent, and a line that is not news of ours is dropped, never half-read. */
class ClusterNewsTest {
    private static final UUID WORKSPACE = UUID.randomUUID();

    @Test
    void everyKindOfNewsArrivesAsItWasSent() {
        TicketChanged byAgent = new TicketChanged(WORKSPACE, UUID.randomUUID(), 1042, "commented", "agent", UUID.randomUUID(),
                "Zoë \"Z\" O'Brien \u2603", UUID.randomUUID());
        TicketChanged bySystem = new TicketChanged(WORKSPACE, UUID.randomUUID(), 7, "updated", "system", null, "Automation", null);
        ChatChanged chat = new ChatChanged(WORKSPACE, UUID.randomUUID(), UUID.randomUUID());
        PresenceReport replying = new PresenceReport(WORKSPACE, UUID.randomUUID(), UUID.randomUUID(), "Alice Johnson", true, false);
        PresenceReport left = new PresenceReport(WORKSPACE, UUID.randomUUID(), UUID.randomUUID(), "Bob Smith", false, true);
        ChatDeskReport here = new ChatDeskReport(WORKSPACE, UUID.randomUUID(), true);
        org.relaydesk.core.plugin.PluginSwitched off = new org.relaydesk.core.plugin.PluginSwitched("channel-whatsapp", false);
        for (Object news : new Object[] {byAgent, bySystem, chat, replying, left, here, off}) {
            assertThat(ClusterNews.decode(ClusterNews.encode(news))).contains(news);
        }
    }

    @Test
    void aChangeWithoutActorNameArrivesWithAnEmptyOne() {
        TicketChanged anonymous = new TicketChanged(WORKSPACE, UUID.randomUUID(), 3, "created", "customer", null, null, null);
        assertThat(ClusterNews.decode(ClusterNews.encode(anonymous))).contains(
                new TicketChanged(WORKSPACE, anonymous.ticketId(), 3, "created", "customer", null, "", null));
    }

    @Test
    void linesThatAreNotNewsOfOursAreDropped() {
        String ticket = ClusterNews.encode(new ChatDeskReport(WORKSPACE, UUID.randomUUID(), true));
        for (String line : new String[] {null, "", "not json", "[]", "{}", "{\"kind\":\"desk\"}", "{\"kind\":\"reboot\",\"workspace\":\"x\"}",
            ticket.replace(WORKSPACE.toString(), "../../etc/passwd"), ticket.replace("true", "\"yes\""),
            "{\"kind\":\"ticket\",\"workspace\":\"" + WORKSPACE + "\",\"ticket\":\"" + UUID.randomUUID()
                    + "\",\"number\":1e400,\"action\":\"x\",\"actorType\":\"x\",\"actorName\":\"x\"}",
            "{\"kind\":\"chat\",\"workspace\":\"" + "x".repeat(ClusterNews.MAX_LENGTH) + "\"}",
            "{\"kind\":\"plugin\",\"plugin\":\"../../evil\",\"enabled\":true}"}) {
            assertThat(ClusterNews.decode(line)).as(String.valueOf(line)).isEmpty();
        }
    }

    @Test
    void onlyTheKindsOfNewsItKnowsCanBeSent() {
        assertThatThrownBy(() -> ClusterNews.encode("a string")).isInstanceOf(IllegalArgumentException.class);
    }
}
