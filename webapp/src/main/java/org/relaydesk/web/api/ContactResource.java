package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.web.security.CurrentUser;

/** Customers: their identities (email, phone, WhatsApp, widget visitor), and merging two that are one person. */
@Path("/contacts")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
@SecurityRequirement(name = "bearer")
public class ContactResource {
    @Inject
    ContactService contacts;

    @Inject
    Workspaces workspaces;

    @Inject
    CurrentUser currentUser;

    @Inject
    org.relaydesk.core.privacy.ContactDataExport export;

    /**
     * Admins: everything held about the contact as a ZIP archive (contact.json, tickets/NUMBER.json with
     * messages and internal notes marked, attachments/, messages-on-other-tickets.json, manifest.json
     * with SHA-256 checksums). Recorded in the audit log.
     */
    @GET
    @Path("/{id}/export")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    public Response export(@PathParam("id") String id) {
        return ExportDownload.of(export.forAdmin(currentUser.get(), Params.pathId(id, "Contact")));
    }

    @Inject
    org.relaydesk.core.privacy.ContactErasure erasure;

    /**
     * Admins: erases the contact's personal data, keeping their tickets' statistics. {@code dry_run}
     * (true unless false) only reports what would change; erasing needs {@code "confirm"} set to the
     * contact's id. {@code staff_messages}, {@code subjects}, {@code attachments} (each true unless false):
     * also erase what staff wrote on their tickets, the tickets' subjects, and their files.
     */
    @POST
    @Path("/{id}/erasure")
    public org.relaydesk.core.privacy.ContactErasure.Report erase(@PathParam("id") String id, JsonObject json) {
        java.util.UUID contact = Params.pathId(id, "Contact");
        Body body = new Body(json == null ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT : json);
        var options = new org.relaydesk.core.privacy.ContactErasure.Options(!Boolean.FALSE.equals(body.bool("staff_messages")),
                !Boolean.FALSE.equals(body.bool("subjects")), !Boolean.FALSE.equals(body.bool("attachments")));
        if (!Boolean.FALSE.equals(body.bool("dry_run"))) {
            return erasure.preview(currentUser.get(), contact, options);
        }
        if (!contact.toString().equals(body.string("confirm"))) {
            throw new InvalidInputException("confirm", "must be the contact's id: erasing cannot be undone");
        }
        return erasure.erase(currentUser.get(), contact, options);
    }

    @GET
    @Path("/{id}")
    public ContactJson get(@PathParam("id") String id) {
        return ContactJson.of(contacts.get(Params.pathId(id, "Contact")), workspaces.id());
    }

    /** {"kind": "phone", "value": "+14155550100"}: the contact as it is now. */
    @POST
    @Path("/{id}/identities")
    public Response addIdentity(@PathParam("id") String id, JsonObject json) {
        Body body = new Body(json);
        String kindName = body.string("kind");
        IdentityKind kind = IdentityKind.fromApiName(kindName)
                .orElseThrow(() -> new InvalidInputException("kind", "must be one of email, phone, whatsapp, widget_visitor"));
        var identity = contacts.addIdentity(Params.pathId(id, "Contact"), kind, body.string("value"));
        return Response.status(Response.Status.CREATED).entity(ContactJson.of(identity.contact(), workspaces.id())).build();
    }

    @DELETE
    @Path("/{id}/identities/{identityId}")
    public Response removeIdentity(@PathParam("id") String id, @PathParam("identityId") String identityId) {
        contacts.removeIdentity(Params.pathId(id, "Contact"), Params.pathId(identityId, "Identity"));
        return Response.noContent().build();
    }

    /** {"into": "<contact id>"}: this contact and its tickets become that one's; answers with the surviving contact. */
    @POST
    @Path("/{id}/merge")
    public ContactJson merge(@PathParam("id") String id, JsonObject json) {
        var survivor = contacts.merge(Params.pathId(id, "Contact"), new Body(json).id("into"), TicketResource.actor(currentUser.get()));
        return ContactJson.of(survivor, workspaces.id());
    }
}
