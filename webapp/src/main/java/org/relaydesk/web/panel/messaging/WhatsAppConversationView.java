package org.relaydesk.web.panel.messaging;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.ticket.MessageAuthorType;
import org.relaydesk.core.channel.ChannelDeliveries;
import org.relaydesk.core.channel.MessagingInbox;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.ticket.Attachment;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.web.api.Workspaces;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/**
 * /agent/whatsapp/{wa_id}: one customer's WhatsApp conversation across their tickets, as chat
 * bubbles (theirs left, ours right) with media, ticks and the window; the reply box posts to the
 * conversation's current ticket through TicketService and TemplateService, like the ticket page.
 * A conversation the agent may not see, and an address that is none, answer 404 alike.
 */
@Named
@ViewScoped
public class WhatsAppConversationView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    MessagingInbox inbox;

    @Inject
    TicketService tickets;

    @Inject
    AttachmentService attachments;

    @Inject
    ChannelDeliveries deliveries;

    @Inject
    MessageMarks marks;

    @Inject
    MessagingReply messaging;

    @Inject
    PanelSession session;

    @Inject
    Workspaces workspaces;

    private String wa;
    private MessagingInbox.Thread thread;
    private List<Bubble> bubbles = List.of();
    private Ticket replyTicket;
    private String reply;

    /** A file of a bubble: pictures inline, sound and video in a player, anything else a link (all through /agent/attachments). */
    public record Media(String id, String fileName, String contentType, long size) implements Serializable {
        public String getId() {
            return id;
        }

        public String getFileName() {
            return fileName;
        }

        public String getContentType() {
            return contentType;
        }

        public long getSize() {
            return size;
        }

        public String getShownAs() {
            String type = contentType == null ? "" : contentType;
            return type.startsWith("image/") ? "image" : type.startsWith("audio/") ? "audio" : type.startsWith("video/") ? "video" : "file";
        }

        static Media of(Attachment a) {
            return new Media(a.id().toString(), a.fileName(), a.contentType(), a.size());
        }
    }

    /**
     * One entry of the chat: a message ({@code side} in or out), or a ticket's start ({@code side}
     * "ticket": "#TKT-1042 · Subject", linking to it).
     */
    public record Bubble(String side, String author, String html, Instant at, List<Media> media, MessageMarks.Marks marks, long ticketNumber,
            String ticketLabel) implements Serializable {
        public String getSide() {
            return side;
        }

        public String getAuthor() {
            return author;
        }

        public String getHtml() {
            return html;
        }

        public Instant getAt() {
            return at;
        }

        public List<Media> getMedia() {
            return media;
        }

        public MessageMarks.Marks getMarks() {
            return marks;
        }

        public long getTicketNumber() {
            return ticketNumber;
        }

        public String getTicketLabel() {
            return ticketLabel;
        }
    }

    /** View action: the conversation, or 404 without saying whether it exists. */
    public void load() throws IOException {
        try {
            thread = inbox.conversation(WhatsAppInboxView.KIND, wa);
        } catch (NotFoundException e) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(HttpServletResponse.SC_NOT_FOUND, "No such conversation");
            faces.responseComplete();
            return;
        }
        build();
    }

    /** Realtime or the periodic look: the conversation as it is now (the reply box is left alone). */
    public void reload() {
        try {
            thread = inbox.conversation(WhatsAppInboxView.KIND, wa);
            build();
        } catch (NotFoundException gone) {
            PanelActions.error("This conversation is no longer yours to see.");
        }
    }

    private void build() {
        Instant now = Instant.now();
        List<Bubble> items = new ArrayList<>();
        for (Ticket ticket : thread.tickets()) {
            var files = attachments.filesOf(ticket.id());
            Map<UUID, ChannelDeliveries.Delivery> sent = deliveries.ofTicket(ticket.id());
            String display = workspaces.current().displayNumber(ticket.number());
            items.add(new Bubble("ticket", null, null, ticket.createdAt(), List.of(), null, ticket.number(), display + " · " + ticket.subject()));
            if (ticket.description() != null && !ticket.description().isBlank() || !files.withDescription().isEmpty()) {
                items.add(new Bubble("in", ticket.requester().name(), MessageSanitizer.plainToHtml(ticket.description() == null ? "" : ticket.description()),
                        ticket.createdAt(), files.withDescription().stream().map(Media::of).toList(),
                        marks.of(ticket.sourceChannel(), null, null, now), ticket.number(), null));
            }
            for (Message m : tickets.messages(ticket.id(), false)) {
                boolean customer = m.authorType() == MessageAuthorType.CUSTOMER;
                ChannelDeliveries.Delivery delivery = sent.get(m.id());
                items.add(new Bubble(customer ? "in" : "out", m.authorName(), m.bodyHtml(), m.createdAt(),
                        files.byMessage().getOrDefault(m.id(), List.of()).stream().map(Media::of).toList(),
                        marks.of(m.source(), customer ? ticket.sourceChannel() : null, delivery, now), ticket.number(), null));
            }
        }
        items.sort(Comparator.comparing(Bubble::at));
        bubbles = items;
        // replies continue the newest ticket still being worked, else the newest
        replyTicket = thread.tickets().stream().filter(t -> t.status().isActive()).reduce((a, b) -> b)
                .orElse(thread.tickets().get(thread.tickets().size() - 1));
        messaging.load(replyTicket.id());
    }

    /** Sends the text box as a public reply on the conversation's ticket, through the route chosen. */
    public void send() {
        if (reply == null || reply.isBlank()) {
            PanelActions.error("Write a message first.");
            return;
        }
        try {
            tickets.addStaffMessage(replyTicket.id(), MessageSanitizer.plainToHtml(reply.strip()), false, session.getUser(), List.of(),
                    messaging.getViaId());
        } catch (InvalidInputException | ConflictException | PermissionDeniedException | NotFoundException e) {
            PanelActions.error(PanelActions.reason(e));
            return;
        }
        reply = null;
        PanelActions.info("Reply sent");
        reload();
    }

    public void sendTemplate() {
        if (messaging.sendTemplate()) {
            reload();
        }
    }

    /** The tickets of the conversation, for the page's live updates. */
    public String getTicketIds() {
        return thread == null ? "" : String.join(" ", thread.tickets().stream().map(t -> t.id().toString()).toList());
    }

    public MessagingInbox.Thread getThread() {
        return thread;
    }

    public List<Bubble> getBubbles() {
        return bubbles;
    }

    public Ticket getReplyTicket() {
        return replyTicket;
    }

    public String getReplyTicketNumber() {
        return replyTicket == null ? "" : workspaces.current().displayNumber(replyTicket.number());
    }

    public String getTimeZone() {
        return workspaces.current().timeZone();
    }

    public String getWa() {
        return wa;
    }

    public void setWa(String wa) {
        this.wa = wa;
    }

    public String getReply() {
        return reply;
    }

    public void setReply(String reply) {
        this.reply = reply;
    }
}
