package org.relaydesk.web.panel.agent;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.relaydesk.api.ticket.MessageAuthorType;
import org.relaydesk.core.canned.CannedResponse;
import org.relaydesk.core.canned.CannedResponseService;
import org.relaydesk.core.chat.ChatService;
import org.relaydesk.core.persistence.Ids;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.User;
import org.relaydesk.core.user.UserService;
import org.relaydesk.web.panel.PanelActions;
import org.relaydesk.web.panel.PanelSession;

/**
 * /agent/chats: the chat desk. While it is open the agent is "at the desk" (visitors are offered a
 * live chat); waiting chats come in with what the visitor asked and the page they are on; an agent
 * accepts one, writes (canned responses at hand), sees the visitor typing, hands it to a colleague
 * or ends it. Each chat is its ticket's thread; the page refreshes on the panel's live channel.
 */
@Named
@ViewScoped
public class AgentChatsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ChatService chats;

    @Inject
    TicketService tickets;

    @Inject
    CannedResponseService canned;

    @Inject
    UserService users;

    @Inject
    PanelSession session;

    @Inject
    org.relaydesk.core.team.TeamService teams;

    private UUID selected;
    private boolean taking = true;
    private String reply;
    private String transferTo;
    private String transferTeam;
    private transient List<ChatService.Summary> inbox;
    /** The selected chat's lines, read once per redraw (the page and "Seen" both use them). */
    private transient List<Line> lines;

    /** A line of the selected chat. */
    public record Line(String side, String author, String text, Instant at) {
    }

    public void open() {
        chats.atTheDesk();
        String wanted = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("chat");
        Ids.parse(wanted).ifPresent(id -> selected = id);
    }

    /** Called every 20 s by the page: still at the desk (unless the agent stopped taking chats). */
    public void stillHere() {
        if (taking) {
            chats.atTheDesk();
        }
        inbox = null;
        lines = null;
    }

    /** "Stop taking chats" and back: visitors are offered a chat only while someone takes them. */
    public void toggleTaking() {
        taking = !taking;
        if (taking) {
            chats.atTheDesk();
            PanelActions.info("You are taking chats again");
        } else {
            chats.leftTheDesk();
            PanelActions.info("You no longer take new chats; the ones you have go on");
        }
    }

    public boolean isTaking() {
        return taking;
    }

    public List<ChatService.Summary> getInbox() {
        if (inbox == null) {
            inbox = chats.inbox();
        }
        return inbox;
    }

    public List<ChatService.Summary> getWaiting() {
        return getInbox().stream().filter(c -> c.status().equals("waiting")).toList();
    }

    public List<ChatService.Summary> getMine() {
        UUID me = session.getUser().id();
        // a waiting chat has nobody yet: the rest are the agent's own (or, for supervisors, everyone's)
        return getInbox().stream().filter(c -> !c.status().equals("waiting") || me.equals(c.agentId())).toList();
    }

    public ChatService.Summary getCurrent() {
        if (selected == null) {
            return null;
        }
        return getInbox().stream().filter(c -> c.chatId().equals(selected)).findFirst().orElseGet(() -> {
            try {
                return chats.chat(selected);
            } catch (RuntimeException gone) {
                return null;
            }
        });
    }

    public boolean isMineSelected() {
        ChatService.Summary current = getCurrent();
        return current != null && !current.status().equals("ended") && (session.getUser().id().equals(current.agentId())
                || current.agentId() != null && session.getUser().role().atLeast(Role.SUPERVISOR));
    }

    public List<Line> getLines() {
        if (lines == null) {
            lines = readLines();
        }
        return lines;
    }

    private List<Line> readLines() {
        ChatService.Summary current = getCurrent();
        if (current == null) {
            return List.of();
        }
        Ticket ticket = tickets.get(current.ticketId());
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("in", ticket.requester().name(), ticket.description() == null ? "" : ticket.description(), ticket.createdAt()));
        for (Message message : tickets.messages(ticket.id(), true)) {
            String side = message.kind() == org.relaydesk.core.ticket.MessageKind.NOTE ? "note"
                    : message.authorType() == MessageAuthorType.CUSTOMER ? "in" : "out";
            lines.add(new Line(side, message.authorName(), message.bodyText(), message.createdAt()));
        }
        return lines;
    }

    public List<CannedResponse> getCanned() {
        return canned.list();
    }

    public List<User> getColleagues() {
        UUID me = session.getUser().id();
        return users.list().stream().filter(u -> u.active() && u.may(Role.AGENT) && !u.id().equals(me)).toList();
    }

    public void select(ChatService.Summary chat) {
        selected = chat.chatId();
        reply = null;
        inbox = null;
        lines = null;
        PanelActions.attempt(() -> chats.agentSignal(selected, false), null);
    }

    public void accept(ChatService.Summary chat) {
        if (PanelActions.attempt(() -> chats.accept(chat.chatId()), "You joined the chat with " + chat.visitorName())) {
            selected = chat.chatId();
        }
        inbox = null;
        lines = null;
    }

    public void send() {
        if (selected != null && PanelActions.attempt(() -> chats.reply(selected, reply), null)) {
            reply = null;
        }
        inbox = null;
        lines = null;
    }

    public void typing() {
        if (selected != null) {
            PanelActions.attempt(() -> chats.agentSignal(selected, true), null);
        }
    }

    public void read() {
        if (selected != null) {
            PanelActions.attempt(() -> chats.agentSignal(selected, false), null);
        }
        inbox = null;
        lines = null;
    }

    public void transfer() {
        UUID colleague = Ids.parse(transferTo).orElse(null);
        if (selected != null && PanelActions.attempt(() -> chats.transfer(selected, colleague), "Chat handed over")) {
            transferTo = null;
        }
        inbox = null;
        lines = null;
    }

    public List<org.relaydesk.core.team.Team> getTeams() {
        return teams.teams();
    }

    public void transferToTeam() {
        UUID team = Ids.parse(transferTeam).orElse(null);
        if (selected != null && PanelActions.attempt(() -> chats.transferToTeam(selected, team), "Chat handed to the team; it waits for one of them")) {
            transferTeam = null;
        }
        inbox = null;
        lines = null;
    }

    /** "Seen": the visitor has read up to the agent's last line. */
    public boolean isSeenByVisitor() {
        ChatService.Summary current = getCurrent();
        if (current == null || current.visitorReadAt() == null) {
            return false;
        }
        List<Line> lines = getLines();
        Instant lastOut = lines.stream().filter(l -> l.side().equals("out")).map(Line::at).reduce((a, b) -> b).orElse(null);
        return lastOut != null && !current.visitorReadAt().isBefore(lastOut);
    }

    public String getTransferTeam() {
        return transferTeam;
    }

    public void setTransferTeam(String transferTeam) {
        this.transferTeam = transferTeam;
    }

    public void end() {
        if (selected != null) {
            PanelActions.attempt(() -> chats.end(selected), "Chat ended; its ticket stays open for any follow-up");
        }
        inbox = null;
        lines = null;
    }

    /** A change in the chats: the lines on screen are read (the visitor sees "Seen"), then everything is drawn again. */
    public void refresh() {
        if (isMineSelected()) {
            PanelActions.attempt(() -> chats.agentSignal(selected, false), null);
        }
        inbox = null;
        lines = null;
    }

    public String getSelectedId() {
        return selected == null ? "" : selected.toString();
    }

    public String getReply() {
        return reply;
    }

    public void setReply(String reply) {
        this.reply = reply;
    }

    public String getTransferTo() {
        return transferTo;
    }

    public void setTransferTo(String transferTo) {
        this.transferTo = transferTo;
    }
}
