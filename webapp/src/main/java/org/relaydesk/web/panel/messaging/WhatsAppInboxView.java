package org.relaydesk.web.panel.messaging;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.relaydesk.core.channel.MessagingInbox;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.web.api.Workspaces;
import org.relaydesk.web.panel.PanelFormat;

/**
 * /agent/whatsapp: the WhatsApp conversations the agent may see, one row per contact and number
 * with the latest message, newest first, the window's state and whether the customer awaits a
 * reply; paged. MessagingInbox applies the ticket queue's visibility.
 */
@Named
@ViewScoped
public class WhatsAppInboxView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String KIND = "whatsapp";
    static final int PAGE_SIZE = 25;

    @Inject
    MessagingInbox inbox;

    @Inject
    Workspaces workspaces;

    private String page;
    private int current = 1;
    private List<Row> rows = List.of();
    private long total;
    private boolean channelOff;

    /** One conversation as the list shows it. */
    public record Row(MessagingInbox.Conversation conversation, String displayNumber, String windowText, boolean windowOpen, String windowUntil)
            implements Serializable {
        public MessagingInbox.Conversation getConversation() {
            return conversation;
        }

        public String getDisplayNumber() {
            return displayNumber;
        }

        public String getWindowText() {
            return windowText;
        }

        public boolean isWindowOpen() {
            return windowOpen;
        }

        public String getWindowUntil() {
            return windowUntil;
        }

        /** "Waiting on customer", as the queue names statuses. */
        public String getStatusLabel() {
            try {
                return org.relaydesk.api.ticket.TicketStatus.valueOf(conversation.ticketStatus()).label();
            } catch (IllegalArgumentException | NullPointerException e) {
                return String.valueOf(conversation.ticketStatus());
            }
        }
    }

    /** View action; a page number that is not one (letters, 0, huge) shows the first page. */
    public void load() {
        current = parsePage(page);
        refresh();
    }

    public void refresh() {
        try {
            MessagingInbox.Page found = inbox.conversations(KIND, current, PAGE_SIZE);
            total = found.total();
            Instant now = Instant.now();
            rows = found.conversations().stream().map(c -> new Row(c, workspaces.current().displayNumber(c.ticketNumber()), windowText(c, now),
                    "open".equals(c.window().state()), "open".equals(c.window().state()) && c.window().openUntil() != null ? c.window().openUntil().toString() : ""))
                    .toList();
            channelOff = false;
        } catch (NotFoundException off) {
            // the WhatsApp plugin is not enabled: nothing to list
            channelOff = true;
            rows = List.of();
            total = 0;
        }
    }

    static int parsePage(String text) {
        if (text == null || !text.trim().matches("\\d{1,6}")) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(text.trim()));
    }

    private static String windowText(MessagingInbox.Conversation c, Instant now) {
        return switch (c.window().state()) {
            case "open" -> "Window open " + PanelFormat.span(Duration.between(now, c.window().openUntil()));
            case "closed" -> "Window closed";
            default -> "";
        };
    }

    public List<Row> getRows() {
        return rows;
    }

    public long getTotal() {
        return total;
    }

    public boolean isChannelOff() {
        return channelOff;
    }

    public int getCurrent() {
        return current;
    }

    public boolean isHasNewer() {
        return current > 1;
    }

    public boolean isHasOlder() {
        return (long) current * PAGE_SIZE < total;
    }

    public long getPages() {
        return Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    public String getPage() {
        return page;
    }

    public void setPage(String page) {
        this.page = page;
    }
}
