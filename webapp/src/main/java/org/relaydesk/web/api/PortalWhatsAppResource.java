package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.portal.Customer;
import org.relaydesk.core.portal.WhatsAppVerification;
import org.relaydesk.web.portal.SignedInCustomer;
import org.relaydesk.web.security.ClientAddress;
import org.relaydesk.web.security.CustomerSignIn;

/**
 * The signed-in portal customer's WhatsApp number: its state, asking for a code, entering it, and
 * taking the number off. Portal cookie only; every request concerns the caller's own account, and the
 * limits and checks live in {@link WhatsAppVerification}.
 */
@Path("/portal/me/whatsapp")
@RequestScoped
@CustomerSignIn
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customer portal")
public class PortalWhatsAppResource {
    @Inject
    WhatsAppVerification verification;

    @Inject
    SignedInCustomer signedIn;

    @Inject
    PublicRateLimits limits;

    @Context
    HttpServletRequest request;

    @GET
    public WhatsAppVerification.Status status() {
        limits.reads().acquire(ClientAddress.of(request));
        return verification.status(customer());
    }

    /** {"phone_number": "+14155550100"}: a code goes to the number on WhatsApp (202; the page polls the status). */
    @POST
    @Path("/code")
    public Response requestCode(JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        Customer customer = customer();
        String phone = new Body(json).string("phone_number");
        return Response.accepted(verification.requestCode(customer, phone, ClientAddress.of(request))).build();
    }

    /** {"code": "123456"}: the number joins the customer's contact. */
    @POST
    @Path("/verify")
    public WhatsAppVerification.Verified verify(JsonObject json) {
        limits.writes().acquire(ClientAddress.of(request));
        Customer customer = customer();
        return verification.confirm(customer, new Body(json).string("code"), ClientAddress.of(request));
    }

    @DELETE
    public Response remove() {
        limits.writes().acquire(ClientAddress.of(request));
        verification.remove(customer());
        return Response.noContent().build();
    }

    private Customer customer() {
        return signedIn.of(request).orElseThrow(() -> new NotAuthorizedException("Sign in to the help centre first", "Cookie"));
    }
}
