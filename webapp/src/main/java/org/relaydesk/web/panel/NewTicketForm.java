package org.relaydesk.web.panel;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.primefaces.PrimeFaces;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.text.MessageSanitizer;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.ticket.Actor;
import org.relaydesk.core.ticket.CategoryService;
import org.relaydesk.core.ticket.NewTicket;
import org.relaydesk.core.ticket.Ticket;
import org.relaydesk.core.ticket.TicketService;

/**
 * "New ticket" for an agent on the phone or forwarding a chat: the requester picked from the
 * contacts (or a new name and address), then subject, description and properties. A refused form
 * keeps everything typed; the browser also keeps a draft until the ticket is created.
 */
@Named
@ViewScoped
public class NewTicketForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final java.util.regex.Pattern NAMED_ADDRESS = java.util.regex.Pattern.compile("^(.*)<([^<>]+)>$");

    @Inject
    TicketService tickets;

    @Inject
    ContactService contacts;

    @Inject
    CategoryService categories;

    @Inject
    PanelSession session;

    @Inject
    org.relaydesk.core.field.CustomFieldService customFields;

    private String requesterEmail;
    private String requesterName;
    private String subject;
    private String description;
    private String priority = TicketPriority.MEDIUM.apiName();
    private String categoryId;
    private List<String> tags = new ArrayList<>();
    private boolean assignToMe;
    private List<org.relaydesk.core.ticket.CategoryTree.Node> categoryOptions;
    private List<org.relaydesk.core.field.CustomField> fields;
    /** Checked uploads waiting for the ticket; a few, so holding them in the view is bounded. */
    private final List<org.relaydesk.core.ticket.AttachmentService.CheckedFile> files = new ArrayList<>();
    static final int MAX_FILES = 5;
    private final java.util.Map<String, Object> customValues = new java.util.HashMap<>();

    /** Contacts whose name or address starts with what was typed, as "Jane Doe <jane@example.com>". */
    public List<String> completeRequester(String typed) {
        List<String> suggestions = new ArrayList<>();
        for (Contact contact : contacts.searchByPrefix(typed, 10)) {
            if (contact.primaryEmail() != null) {
                suggestions.add(contact.name() + " <" + contact.primaryEmail() + ">");
            }
        }
        return suggestions;
    }

    /** A known contact was picked: their name goes into the name field. */
    public void requesterChosen() {
        java.util.regex.Matcher named = NAMED_ADDRESS.matcher(requesterEmail == null ? "" : requesterEmail.trim());
        if (named.matches() && !named.group(1).isBlank()) {
            requesterName = named.group(1).replace("\"", "").trim();
        }
    }

    public void create() {
        // the picker shows a chosen contact as "Jane Doe <jane@example.com>"; agents paste that form too
        String email = requesterEmail == null ? null : requesterEmail.trim();
        String name = blankToNull(requesterName);
        java.util.regex.Matcher named = NAMED_ADDRESS.matcher(email == null ? "" : email);
        if (named.matches()) {
            email = named.group(2).trim();
            name = name == null ? blankToNull(named.group(1).replace("\"", "")) : name;
        }
        String fieldsJson;
        try {
            fieldsJson = customFields.merge("{}", customValues, true);
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach((field, problem) -> PanelActions.error(field + " " + problem));
            return;
        }
        NewTicket input = new NewTicket(subject, description == null || description.isBlank() ? null : MessageSanitizer.plainToHtml(description),
                email, name, priority, null, parse(categoryId),
                assignToMe ? session.getUser().id() : null, null, null, new LinkedHashSet<>(tags), fieldsJson, "web");
        Ticket created;
        try {
            created = tickets.create(input, Actor.of(session.getUser()), List.copyOf(files));
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach((field, problem) -> PanelActions.error(label(field) + " " + problem));
            return;
        } catch (ConflictException | PermissionDeniedException | NotFoundException e) {
            PanelActions.error(e.getMessage());
            return;
        }
        PanelActions.infoAfterRedirect("Ticket " + created.number() + " created");
        // the page clears its draft, then opens the new ticket
        PrimeFaces.current().ajax().addCallbackParam("created", created.number());
    }

    private static String label(String field) {
        return switch (field) {
            case "requester_email" -> "Requester email";
            case "requester_name" -> "Requester name";
            default -> Character.toUpperCase(field.charAt(0)) + field.substring(1).replace('_', ' ');
        };
    }

    private static UUID parse(String id) {
        try {
            return id == null || id.isBlank() ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** An upload for the new ticket: checked now, stored with the ticket when it is created. */
    public void upload(org.primefaces.event.FileUploadEvent event) {
        if (files.size() >= MAX_FILES) {
            PanelActions.error("At most " + MAX_FILES + " files per new ticket.");
            return;
        }
        PanelActions.attempt(() -> files.add(org.relaydesk.core.ticket.AttachmentService.check(event.getFile().getFileName(),
                event.getFile().getContent())), null);
    }

    public void removeFile(int index) {
        if (index >= 0 && index < files.size()) {
            files.remove(index);
        }
    }

    public List<org.relaydesk.core.ticket.AttachmentService.CheckedFile> getFiles() {
        return files;
    }

    public List<org.relaydesk.core.field.CustomField> getFields() {
        if (fields == null) {
            fields = customFields.list();
        }
        return fields;
    }

    public java.util.Map<String, Object> getCustomValues() {
        return customValues;
    }

    public List<TicketPriority> getPriorityOptions() {
        return List.of(TicketPriority.values());
    }

    public List<org.relaydesk.core.ticket.CategoryTree.Node> getCategories() {
        if (categoryOptions == null) {
            categoryOptions = org.relaydesk.core.ticket.CategoryTree.of(categories.list());
        }
        return categoryOptions;
    }

    public String getRequesterEmail() {
        return requesterEmail;
    }

    public void setRequesterEmail(String requesterEmail) {
        this.requesterEmail = requesterEmail;
    }

    public String getRequesterName() {
        return requesterName;
    }

    public void setRequesterName(String requesterName) {
        this.requesterName = requesterName;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(String categoryId) {
        this.categoryId = categoryId;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags == null ? new ArrayList<>() : new ArrayList<>(tags);
    }

    public boolean isAssignToMe() {
        return assignToMe;
    }

    public void setAssignToMe(boolean assignToMe) {
        this.assignToMe = assignToMe;
    }
}
