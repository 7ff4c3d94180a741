package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.portal.Customer;
import org.relaydesk.core.portal.CustomerAccounts;
import org.relaydesk.web.portal.PortalCookie;
import org.relaydesk.web.security.ClientAddress;
import org.relaydesk.web.security.Public;

/**
 * Portal accounts: register, verify, sign in (password or emailed link), reset, sign out. A
 * successful sign-in answers with the portal cookie; every answer about an address is the same
 * whether it has an account or not. Staff accounts are not found here, and staff sessions are
 * neither read nor made.
 */
@Path("/portal/auth")
@RequestScoped
@Public
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customer portal")
public class PortalAuthResource {
    static final String SENT = "If this address can use the help centre, we have emailed it. Please check your inbox.";

    @Inject
    CustomerAccounts accounts;

    @Context
    HttpServletRequest request;

    public record Accepted(String message) {
    }

    public record CustomerJson(String name, String email) {
        static CustomerJson of(Customer customer) {
            return new CustomerJson(customer.name(), customer.email());
        }
    }

    @POST
    @Path("/register")
    public Response register(JsonObject json) {
        Body body = new Body(json);
        accounts.register(body.string("workspace"), body.string("name"), body.string("email"), body.string("password"),
                ClientAddress.of(request));
        return Response.accepted(new Accepted("Almost done: " + SENT)).build();
    }

    @POST
    @Path("/verify")
    public Response verify(JsonObject json) {
        return signedIn(accounts.verify(new Body(json).string("token"), ClientAddress.of(request)));
    }

    @POST
    @Path("/login")
    public Response login(JsonObject json) {
        Body body = new Body(json);
        Optional<CustomerAccounts.SignedIn> signedIn = accounts.signIn(body.string("workspace"), body.string("email"),
                body.string("password"), ClientAddress.of(request));
        if (signedIn.isEmpty()) {
            throw new NotAuthorizedException("Wrong email or password", "Cookie");
        }
        return signedIn(signedIn.get());
    }

    @POST
    @Path("/login-link")
    public Response requestLoginLink(JsonObject json) {
        Body body = new Body(json);
        accounts.requestSignInLink(body.string("workspace"), body.string("email"), ClientAddress.of(request));
        return Response.accepted(new Accepted(SENT)).build();
    }

    @POST
    @Path("/login-link/redeem")
    public Response redeemLoginLink(JsonObject json) {
        return signedIn(accounts.signInWithLink(new Body(json).string("token"), ClientAddress.of(request)));
    }

    @POST
    @Path("/password-reset")
    public Response requestReset(JsonObject json) {
        Body body = new Body(json);
        accounts.requestReset(body.string("workspace"), body.string("email"), ClientAddress.of(request));
        return Response.accepted(new Accepted(SENT)).build();
    }

    @POST
    @Path("/password-reset/complete")
    public Response completeReset(JsonObject json) {
        Body body = new Body(json);
        return signedIn(accounts.resetPassword(body.string("token"), body.string("password"), ClientAddress.of(request)));
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    public Response logout() {
        accounts.signOut(PortalCookie.read(request));
        return Response.noContent().header("Set-Cookie", PortalCookie.header(null, request)).build();
    }

    private Response signedIn(CustomerAccounts.SignedIn signedIn) {
        // a new token each time: a cookie planted before sign-in is never the signed-in one
        return Response.ok(CustomerJson.of(signedIn.customer())).header("Set-Cookie", PortalCookie.header(signedIn.sessionToken(), request))
                .build();
    }
}
