package org.relaydesk.core.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.api.ticket.MessageAuthorType;
import org.relaydesk.api.ticket.TicketStatus;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.Attachment;
import org.relaydesk.core.ticket.AttachmentService;
import org.relaydesk.core.ticket.Message;
import org.relaydesk.core.ticket.MessageKind;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.SatisfactionRating;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;
import org.relaydesk.core.workspace.Workspace;

/**
 * What a signed-in portal customer may do with tickets, checked here for every call: their own
 * tickets (as requester), and, where the workspace shares by domain, read-only the tickets of
 * requesters with their email domain (never a public webmail domain). Any other ticket is "not
 * found", whatever its number. Only public replies of the requester's conversation are shown,
 * never internal notes, system events or the files of either.
 */
@ApplicationScoped
public class CustomerTickets {
    public static final int MAX_PER_PAGE = 50;
    static final Set<TicketStatus> OPEN = EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.IN_PROGRESS,
            TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.WAITING_ON_THIRD_PARTY);
    static final Set<TicketStatus> SOLVED = EnumSet.of(TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.CANCELLED);

    @Inject
    Tenancy tenancy;

    @Inject
    TicketService tickets;

    @Inject
    AttachmentService attachments;

    @Inject
    PortalService portal;

    @Inject
    org.relaydesk.core.csat.SurveyAnswers surveyAnswers;

    /** One page of tickets, newest activity first. */
    public record Page(List<Ticket> tickets, long total, int page, int perPage) {
    }

    /** A ticket as its customer sees it; {@code own} is false for a colleague's ticket shared by domain (read-only). */
    public record View(Workspace workspace, Ticket ticket, boolean own, List<Message> messages, List<Attachment> descriptionFiles,
            Map<UUID, List<Attachment>> filesByMessage, SatisfactionRating rating) {
        public boolean mayReopen() {
            return own && ticket.status() == TicketStatus.RESOLVED;
        }

        public boolean mayRate() {
            return own && rating == null && (ticket.status() == TicketStatus.RESOLVED || ticket.status() == TicketStatus.CLOSED);
        }

        public boolean mayReply() {
            return own && ticket.mergedIntoId() == null && ticket.status() != TicketStatus.CLOSED && ticket.status() != TicketStatus.CANCELLED;
        }
    }

    /** {@code state}: open, solved or all; {@code scope}: mine or organization (only where the workspace shares). */
    @Transactional
    public Page list(Customer customer, String state, String scope, int page, int perPage) {
        enter(customer);
        Set<TicketStatus> statuses = switch (state == null ? "all" : state) {
            case "open" -> OPEN;
            case "solved" -> SOLVED;
            case "all" -> EnumSet.allOf(TicketStatus.class);
            default -> throw new InvalidInputException("status", "must be open, solved or all");
        };
        boolean organization = switch (scope == null ? "mine" : scope) {
            case "mine" -> false;
            case "organization" -> true;
            default -> throw new InvalidInputException("scope", "must be mine or organization");
        };
        if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new InvalidInputException("page", "page from 1, per_page from 1 to " + MAX_PER_PAGE);
        }
        Optional<String> domain = organization ? sharedDomain(customer) : Optional.empty();
        if (organization && domain.isEmpty()) {
            throw new InvalidInputException("scope", "your organisation's tickets are not shared in this help centre");
        }
        String where = domain.isPresent() ? " WHERE LOWER(t.requester.primaryEmail) LIKE :domain ESCAPE '\\' AND t.status IN :statuses"
                : " WHERE t.requester.id = :contact AND t.status IN :statuses";
        TypedQuery<Long> count = tenancy.em().createQuery("SELECT COUNT(t) FROM Ticket t" + where, Long.class);
        TypedQuery<Ticket> rows = tenancy.em().createQuery("SELECT t FROM Ticket t" + where + " ORDER BY t.updatedAt DESC, t.number DESC",
                Ticket.class);
        if (domain.isPresent()) {
            String pattern = "%@" + domain.get().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            count.setParameter("domain", pattern);
            rows.setParameter("domain", pattern);
        } else {
            count.setParameter("contact", customer.contactId());
            rows.setParameter("contact", customer.contactId());
        }
        count.setParameter("statuses", statuses);
        rows.setParameter("statuses", statuses);
        List<Ticket> found = rows.setFirstResult((page - 1) * perPage).setMaxResults(perPage).getResultList();
        return new Page(found, count.getSingleResult(), page, perPage);
    }

    /** The latest public answers from the team on the customer's own tickets, for the dashboard. */
    @Transactional
    public List<Message> recentReplies(Customer customer, int limit) {
        enter(customer);
        return tenancy.em().createQuery("SELECT m FROM Message m, Ticket t WHERE m.ticketId = t.id AND t.requester.id = :contact"
                        + " AND m.kind = :reply AND m.authorType = :agent AND (m.conversationContactId IS NULL OR m.conversationContactId = :contact)"
                        + " ORDER BY m.createdAt DESC", Message.class)
                .setParameter("contact", customer.contactId()).setParameter("reply", MessageKind.REPLY)
                .setParameter("agent", MessageAuthorType.AGENT).setMaxResults(Math.min(limit, 20)).getResultList();
    }

    /** The ticket numbers of some tickets (for the dashboard's replies), only of tickets the customer sees anyway. */
    @Transactional
    public Map<UUID, Ticket> ticketsById(Customer customer, Set<UUID> ids) {
        enter(customer);
        if (ids.isEmpty()) {
            return Map.of();
        }
        return tenancy.em().createQuery("SELECT t FROM Ticket t WHERE t.id IN :ids AND t.requester.id = :contact", Ticket.class)
                .setParameter("ids", ids).setParameter("contact", customer.contactId()).getResultStream()
                .collect(Collectors.toMap(Ticket::id, t -> t));
    }

    @Transactional
    public View view(Customer customer, long number) {
        Ticket ticket = visible(customer, number);
        boolean own = ticket.requester().id().equals(customer.contactId());
        UUID conversation = ticket.requester().id();
        List<Message> shown = tickets.messages(ticket.id(), false).stream()
                .filter(m -> m.kind() == MessageKind.REPLY && m.belongsToConversationOf(conversation)).toList();
        Set<UUID> shownIds = shown.stream().map(Message::id).collect(Collectors.toSet());
        AttachmentService.TicketFiles files = attachments.filesOf(ticket.id());
        Map<UUID, List<Attachment>> byMessage = files.byMessage().entrySet().stream().filter(e -> shownIds.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        SatisfactionRating rating = surveyAnswers.ratingOfThisResolution(ticket);
        return new View(tenancy.global().find(Workspace.class, customer.workspaceId()), ticket, own, shown, files.withDescription(),
                byMessage, rating);
    }

    /** A file of a ticket the customer sees, if it came with the ticket or with a reply they see. */
    @Transactional
    public Attachment file(Customer customer, long number, UUID attachmentId) {
        View view = view(customer, number);
        boolean shown = view.descriptionFiles().stream().anyMatch(a -> a.id().equals(attachmentId))
                || view.filesByMessage().values().stream().flatMap(List::stream).anyMatch(a -> a.id().equals(attachmentId));
        if (!shown) {
            throw new NotFoundException("Attachment");
        }
        return attachments.ofTicket(view.ticket().id(), attachmentId);
    }

    /** A new ticket from the customer, with files (each checked like any upload). */
    @Transactional
    public Ticket create(Customer customer, String subject, String description, List<NamedFile> files) {
        enter(customer);
        if (description == null || description.isBlank()) {
            throw new InvalidInputException("description", "is required");
        }
        List<AttachmentService.CheckedFile> checked = check(files);
        Ticket ticket = tickets.create(new NewTicket(subject, description, customer.email(), customer.name(), null, null, null, null, null,
                null, null, null, "portal"), Actor.customer(customer.contactId(), customer.name()), checked);
        if (!ticket.requester().id().equals(customer.contactId())) {
            // the address now belongs to another contact (an agent moved it): never file it under someone else
            throw new ConflictException("Your email address has moved to another customer record; please contact us by email");
        }
        return ticket;
    }

    /** A file as the browser sent it: its name and bytes. */
    public record NamedFile(String name, byte[] content) {
    }

    @Transactional
    public Message reply(Customer customer, long number, String body, List<NamedFile> files) {
        View view = view(customer, number);
        if (!view.own()) {
            throw new NotFoundException("Ticket");
        }
        if (!view.mayReply()) {
            throw new ConflictException(view.ticket().mergedIntoId() != null ? "This request was merged with another one"
                    : "This ticket is closed; please open a new one");
        }
        List<AttachmentService.CheckedFile> checked = check(files);
        Contact author = view.ticket().requester();
        Message message = tickets.addCustomerMessage(view.ticket().id(), body, author, "portal", null);
        if (!checked.isEmpty()) {
            attachments.attachToMessage(view.ticket().id(), message.id(), checked);
        }
        return message;
    }

    @Transactional
    public Ticket reopen(Customer customer, long number) {
        View view = view(customer, number);
        if (!view.own()) {
            throw new NotFoundException("Ticket");
        }
        if (!view.mayReopen()) {
            throw new ConflictException("Only a resolved ticket can be reopened; for a closed one, please open a new ticket");
        }
        return tickets.reopen(view.ticket().id(), Actor.customer(customer.contactId(), customer.name()));
    }

    @Transactional
    public SatisfactionRating rate(Customer customer, long number, Integer rating, String feedback) {
        View view = view(customer, number);
        if (!view.own()) {
            throw new NotFoundException("Ticket");
        }
        return portal.rateSolved(view.ticket(), rating, feedback);
    }

    /** The customer's workspace (its name, prefix and look on the portal). */
    @Transactional
    public Workspace workspaceOf(Customer customer) {
        enter(customer);
        return tenancy.global().find(Workspace.class, customer.workspaceId());
    }

    /** Whether this customer may ask for their organisation's tickets (shown as a filter on the list). */
    @Transactional
    public boolean sharesOrganization(Customer customer) {
        enter(customer);
        return sharedDomain(customer).isPresent();
    }

    private Optional<String> sharedDomain(Customer customer) {
        if (customer.email() == null || !customer.email().contains("@")) {
            return Optional.empty(); // a customer known by another way (a widget visitor): no organisation to share
        }
        Workspace workspace = tenancy.global().find(Workspace.class, customer.workspaceId());
        String domain = customer.emailDomain();
        return workspace != null && workspace.portalSharesByDomain() && !WebmailDomains.isWebmail(domain) ? Optional.of(domain)
                : Optional.empty();
    }

    /** The ticket of this number if the customer may see it; any other is "not found". */
    private Ticket visible(Customer customer, long number) {
        enter(customer);
        Ticket ticket = tenancy.em().createQuery("SELECT t FROM Ticket t WHERE t.number = :n", Ticket.class).setParameter("n", number)
                .getResultStream().findFirst().orElseThrow(() -> new NotFoundException("Ticket"));
        if (ticket.requester().id().equals(customer.contactId())) {
            return ticket;
        }
        Optional<String> domain = sharedDomain(customer);
        String email = ticket.requester().primaryEmail();
        if (domain.isPresent() && email != null && email.toLowerCase(java.util.Locale.ROOT).endsWith("@" + domain.get())) {
            return ticket;
        }
        throw new NotFoundException("Ticket");
    }

    private void enter(Customer customer) {
        if (customer == null) {
            throw new org.relaydesk.core.error.PermissionDeniedException("Sign in to the portal first");
        }
        tenancy.actAs(customer.workspaceId());
    }

    private static List<AttachmentService.CheckedFile> check(List<NamedFile> files) {
        if (files == null) {
            return List.of();
        }
        if (files.size() > AttachmentService.MAX_FILES_PER_MESSAGE) {
            throw new InvalidInputException("files", "at most " + AttachmentService.MAX_FILES_PER_MESSAGE + " files");
        }
        return files.stream().map(f -> AttachmentService.check(f.name(), f.content())).toList();
    }
}
