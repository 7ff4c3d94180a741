package org.relaydesk.core.kb;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.relaydesk.core.access.Access;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.portal.Customer;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;

/**
 * The door to the knowledge base: works on it in one transaction as the caller, whose rights
 * {@link KnowledgeBase} and {@link Reader} check. Staff act in their signed-in workspace; the
 * public pages and endpoints name the workspace they serve and read as a visitor.
 */
@ApplicationScoped
public class KnowledgeBaseService {
    @Inject
    Access access;

    @Inject
    Tenancy tenancy;

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @Inject
    jakarta.enterprise.event.Event<ArticlePublished> published;

    Clock clock = Clock.systemUTC();

    /** As the signed-in member of staff (or the system's own work, e.g. demo data). */
    @Transactional
    public <T> T asStaff(Function<KnowledgeBase, T> work) {
        return run(staffReader(), work);
    }

    /**
     * As the signed-in editor of the admin pages: a supervisor or admin, checked here whatever page
     * called (the pages' filter is the second line), then the reader's rules as for {@link #asStaff}.
     */
    @Transactional
    @RequiresRole(Role.SUPERVISOR)
    public <T> T asEditor(Function<KnowledgeBase, T> work) {
        return run(staffReader(), work);
    }

    /** As an anonymous visitor of the workspace's help centre: public articles only. */
    @Transactional
    public <T> T asVisitor(UUID workspaceId, Function<KnowledgeBase, T> work) {
        return run(Reader.visitor(workspaceId), work);
    }

    /**
     * As the reader of the workspace's help centre: a portal customer signed in to this workspace
     * also reads the articles for signed-in customers; anyone else (no one signed in, or a customer
     * of another workspace) reads as a visitor.
     */
    @Transactional
    public <T> T asHelpReader(UUID workspaceId, java.util.Optional<Customer> customer, Function<KnowledgeBase, T> work) {
        return run(helpReader(workspaceId, customer), work);
    }

    /** Whether this customer reads the workspace's help centre as a signed-in customer (more than the public sees). */
    public static boolean readsAsCustomer(UUID workspaceId, java.util.Optional<Customer> customer) {
        return customer.filter(c -> c.workspaceId().equals(workspaceId)).isPresent();
    }

    private static Reader helpReader(UUID workspaceId, java.util.Optional<Customer> customer) {
        return readsAsCustomer(workspaceId, customer) ? Reader.customer(workspaceId, customer.get().contactId()) : Reader.visitor(workspaceId);
    }

    private Reader staffReader() {
        java.util.Optional<AuthenticatedUser> user = access.current();
        if (user.isPresent()) {
            AuthenticatedUser staff = user.get();
            return new Reader(tenancy.workspaceId(), Reader.Kind.STAFF, staff.id(), staff.name(), staff.role());
        }
        if (access.systemWork()) {
            return Reader.system(tenancy.workspaceId());
        }
        throw new PermissionDeniedException("Sign in as staff to work on the knowledge base");
    }

    private <T> T run(Reader reader, Function<KnowledgeBase, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(new KnowledgeBase(connection, reader, clock)
                    .onPublished(article -> published.fire(ArticlePublished.of(article))));
        } catch (SQLException e) {
            throw new IllegalStateException("The knowledge base is unavailable: " + e.getMessage(), e);
        }
    }
}
