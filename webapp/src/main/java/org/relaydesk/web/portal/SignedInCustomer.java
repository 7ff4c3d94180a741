package org.relaydesk.web.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.relaydesk.core.portal.Customer;
import org.relaydesk.core.portal.CustomerAccounts;

/** The portal customer of this request, read from the portal cookie once per request. */
@RequestScoped
public class SignedInCustomer {
    @Inject
    CustomerAccounts accounts;

    private Optional<Customer> customer;

    public Optional<Customer> of(HttpServletRequest request) {
        if (customer == null) {
            String token = PortalCookie.read(request);
            customer = token == null ? Optional.empty() : accounts.session(token);
        }
        return customer;
    }

    /** After a rename: the rest of the request sees the new name. */
    public void replace(Customer updated) {
        customer = Optional.of(updated);
    }
}
