package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ConversationWindow;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactIdentity;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.ticket.ReplyChannel;
import org.relaydesk.core.ticket.ReplyDestination;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;

/**
 * The ways a ticket's requester can be reached ("Send via"), and whether a free-form message may go
 * out on each: the enabled sending accounts whose address kind matches one of the contact's
 * identities, the one the ticket arrived through first. A channel that declares a conversation
 * window (WhatsApp's 24 hours) is open until the customer's last message through that account plus
 * its length; a free-form reply to a closed window or to an opted-out address is refused here,
 * before anything is saved, with what to do instead.
 */
@ApplicationScoped
public class ReplyRoutes implements ReplyChannel {
    static final String WINDOW_CLOSED = "conversation-window-closed";
    static final String OPTED_OUT = "recipient-opted-out";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    Tenancy tenancy;

    @Inject
    PluginHost plugins;

    @Inject
    TicketService tickets;

    @Inject
    NoticeMailer mailer;

    Clock clock = Clock.systemUTC();

    /**
     * A conversation window's state: {@code state} "open" (until {@code openUntil}), "closed" (since
     * {@code openUntil}, or never opened: null) or "none" (the channel has no window). {@code reason}
     * names the provider's rule, {@code whenClosed} what can be sent instead.
     */
    public record WindowState(String state, Instant openUntil, String reason, String whenClosed) {
        static final WindowState NONE = new WindowState("none", null, null, null);

        public boolean closed() {
            return "closed".equals(state);
        }
    }

    /**
     * One way to reach the requester: the account (its kind, name and icon), the address a reply goes
     * to ("14155550100" on WhatsApp), whether the ticket came in through it, whether the customer
     * opted out there, its window, and whether it sends templates.
     */
    public record Route(UUID accountId, String accountName, String kind, String kindName, String icon, String addressKind, String toAddress,
            boolean arrivedThrough, boolean optedOut, WindowState window, boolean templates) {
        /** Whether a free-form message may go out now. */
        public boolean freeFormAllowed() {
            return !optedOut && !window.closed();
        }
    }

    /** The ticket's routes (visibility-checked), the one it arrived through first. */
    @Transactional
    public List<Route> routes(UUID ticketId) {
        return routes(tickets.get(ticketId));
    }

    /** The window of the ticket's default route (the account it arrived through, else the first route); "none" without one. */
    @Transactional
    public WindowState window(UUID ticketId) {
        return defaultRoute(tickets.get(ticketId)).map(Route::window).orElse(WindowState.NONE);
    }

    /** The ticket's route through {@code accountId}; a route that is not one of the ticket's is refused as bad input on {@code field}. */
    @Transactional
    public Route route(UUID ticketId, UUID accountId, String field) {
        return require(tickets.get(ticketId), accountId, field);
    }

    @Override
    public ReplyDestination destinationFor(Ticket ticket, UUID via) {
        if (via == null && inLiveChat(ticket)) {
            return ReplyDestination.NONE; // the visitor reads it in the widget, now: nothing to send
        }
        List<Route> routes = routes(ticket);
        if (via != null) {
            Route chosen = require(ticket, via, "via", routes);
            requireFreeForm(ticket, chosen);
            return ReplyDestination.through(chosen.accountId(), chosen.toAddress());
        }
        Optional<Route> own = routes.stream().filter(Route::arrivedThrough).findFirst();
        if (own.isPresent()) {
            requireFreeForm(ticket, own.get());
            return ReplyDestination.through(own.get().accountId(), own.get().toAddress());
        }
        Optional<ChannelKind> ownKind = ownKind(ticket);
        if (ticket.channelAccountId() != null && (ownKind.isEmpty() || ownKind.get().capabilities().contains(Capability.OUTBOUND))) {
            // a channel that sends but offers no route now (its plugin is off, the customer lost that address): the outbox tells
            return ReplyDestination.through(ticket.channelAccountId(), null);
        }
        return byMailbox(ticket, routes, ownKind.map(ChannelKind::name).orElse(null));
    }

    /** A ticket that came as a widget chat still going on (once it ends, replies go by email where an address is known). */
    private boolean inLiveChat(Ticket ticket) {
        return "chat".equals(ticket.sourceChannel()) && !tenancy.sql("SELECT 1 FROM chats WHERE ticket_id = CAST(?1 AS uuid) AND status <> 'ended'")
                .setParameter(1, ticket.id().toString()).getResultList().isEmpty();
    }

    /**
     * The ticket's channel cannot send (a web form), or it came without one (the portal, the API): the
     * reply goes by email through the workspace's mailbox, the one notices use first, when the customer
     * has an email address; otherwise it stays on the ticket, saying why.
     */
    ReplyDestination byMailbox(Ticket ticket, List<Route> routes, String ownChannelName) {
        Contact requester = ticket.requester();
        boolean hasEmail = requester.primaryEmail() != null || requester.identity(IdentityKind.EMAIL).isPresent();
        return byMailbox(routes, hasEmail ? mailer.mailboxes() : List.of(), hasEmail, requester.primaryEmail(), ownChannelName);
    }

    /** The decision itself: {@code mailboxes} the workspace's sending email accounts, oldest first. */
    static ReplyDestination byMailbox(List<Route> routes, List<UUID> mailboxes, boolean hasEmail, String primaryEmail, String ownChannelName) {
        String came = ownChannelName != null ? ownChannelName + " cannot send replies" : "this ticket came through no channel that sends replies";
        if (!hasEmail) {
            return ReplyDestination.nowhere("Not sent: " + came + " and the customer left no email address. The reply is kept on the ticket; "
                    + "reach the customer another way.");
        }
        for (UUID mailbox : mailboxes) {
            Optional<Route> route = routes.stream().filter(r -> r.accountId().equals(mailbox)).findFirst();
            if (route.isPresent()) {
                if (route.get().optedOut()) {
                    return ReplyDestination.nowhere("Not sent: " + came + " and the customer opted out of email at " + route.get().toAddress() + ".");
                }
                return ReplyDestination.byMailbox(mailbox, primaryEmail != null ? primaryEmail : route.get().toAddress());
            }
        }
        return ReplyDestination.nowhere("Not sent: " + came + " and the workspace has no mailbox to email the customer "
                + "(an admin adds an email account with an SMTP server under Admin > Channels). The reply is kept on the ticket.");
    }

    private Optional<ChannelKind> ownKind(Ticket ticket) {
        if (ticket.channelAccountId() == null) {
            return Optional.empty();
        }
        return tenancy.sql("SELECT kind FROM channel_accounts WHERE id = CAST(?1 AS uuid)").setParameter(1, ticket.channelAccountId().toString())
                .getResultStream().findFirst().flatMap(kind -> plugins.channelKind(kind.toString()));
    }

    @Override
    public void requireInteractive(UUID accountId) {
        if (accountId == null) {
            throw new InvalidInputException("choices", "this reply goes through no channel, so there is nothing to show buttons or a list");
        }
        String kindName = (String) tenancy.sql("SELECT kind FROM channel_accounts WHERE id = CAST(?1 AS uuid)").setParameter(1, accountId.toString())
                .getResultStream().findFirst().orElse(null);
        Optional<ChannelKind> kind = kindName == null ? Optional.empty() : plugins.channelKind(kindName);
        if (kind.isEmpty() || !kind.get().capabilities().contains(Capability.INTERACTIVE)) {
            throw new InvalidInputException("choices", (kind.map(ChannelKind::name).orElse("this channel"))
                    + " cannot show buttons or lists; send the reply without choices, or through a route that can (via)");
        }
    }

    Route require(Ticket ticket, UUID accountId, String field) {
        return require(ticket, accountId, field, routes(ticket));
    }

    private Route require(Ticket ticket, UUID accountId, String field, List<Route> routes) {
        return routes.stream().filter(r -> r.accountId().equals(accountId)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, routes.isEmpty()
                        ? "this customer cannot be reached through any channel account"
                        : "is not a way to reach this customer; use one of: " + String.join(", ",
                                routes.stream().map(r -> r.accountId() + " (" + r.accountName() + ")").toList())));
    }

    /** Refuses (409, typed) a free-form message the route cannot carry now. */
    void requireFreeForm(Ticket ticket, Route route) {
        if (route.optedOut()) {
            throw new ConflictException(OPTED_OUT, "The customer opted out of messages on " + route.kindName() + " at " + route.toAddress()
                    + " (they sent STOP): nothing can be sent there until they write START. Reach them another way, if they have one.",
                    Map.of("account_id", route.accountId().toString(), "address", route.toAddress()));
        }
        if (route.window().closed()) {
            WindowState window = route.window();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("account_id", route.accountId().toString());
            details.put("reason", window.reason());
            if (window.openUntil() != null) {
                details.put("closed_at", window.openUntil().toString());
            }
            throw new ConflictException(WINDOW_CLOSED, "The conversation window is closed: " + window.reason()
                    + (window.openUntil() == null ? " (the customer has not written through " + route.accountName() + ")"
                            : " (it closed at " + SHOWN.format(window.openUntil()) + ")")
                    + ". A free-form message cannot reach the customer now: send an approved template instead"
                    + (window.whenClosed() == null ? "" : " (" + window.whenClosed() + ")")
                    + ", POST /api/tickets/" + ticket.id() + "/template-messages.", details);
        }
    }

    private Optional<Route> defaultRoute(Ticket ticket) {
        List<Route> routes = routes(ticket);
        return routes.isEmpty() ? Optional.empty() : Optional.of(routes.get(0));
    }

    /** The routes of a ticket the caller already holds, with no visibility check: for background work (the survey job). */
    public List<Route> routesOf(Ticket ticket) {
        return routes(ticket);
    }

    List<Route> routes(Ticket ticket) {
        Contact requester = ticket.requester();
        @SuppressWarnings("unchecked")
        List<Object[]> accounts = tenancy.sql("SELECT CAST(a.id AS text), a.name, a.kind, c.last_customer_message_at FROM channel_accounts a "
                        + "LEFT JOIN contact_channel_activity c ON c.account_id = a.id AND c.contact_id = CAST(?2 AS uuid) "
                        + "WHERE a.workspace_id = CAST(?1 AS uuid) AND a.enabled ORDER BY a.name")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, requester.id().toString()).getResultList();
        Instant now = clock.instant();
        List<Route> routes = new ArrayList<>();
        for (Object[] account : accounts) {
            Optional<ChannelKind> kind = plugins.channelKind(account[2].toString()).filter(k -> k.capabilities().contains(Capability.OUTBOUND));
            if (kind.isEmpty()) {
                continue;
            }
            IdentityKind wanted = IdentityKind.of(kind.get().addressKind());
            Optional<ContactIdentity> identity = requester.identity(wanted);
            if (identity.isEmpty()) {
                continue;
            }
            UUID accountId = UUID.fromString(account[0].toString());
            Instant last = account[3] == null ? null : ((java.sql.Timestamp) account[3]).toInstant();
            routes.add(new Route(accountId, account[1].toString(), kind.get().kind(), kind.get().name(), kind.get().icon(),
                    kind.get().addressKind().name().toLowerCase(java.util.Locale.ROOT), identity.get().value(),
                    accountId.equals(ticket.channelAccountId()), identity.get().optedOut(), window(kind.get().conversationWindow(), last, now),
                    kind.get().capabilities().contains(Capability.TEMPLATES)));
        }
        routes.sort(Comparator.comparing((Route r) -> !r.arrivedThrough()));
        return routes;
    }

    static WindowState window(Optional<ConversationWindow> declared, Instant lastCustomerMessage, Instant now) {
        if (declared.isEmpty()) {
            return WindowState.NONE;
        }
        ConversationWindow window = declared.get();
        Instant until = window.openUntil(lastCustomerMessage);
        return new WindowState(window.isOpen(lastCustomerMessage, now) ? "open" : "closed", until, window.reason(), window.whenClosed());
    }
}
