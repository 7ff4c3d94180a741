package org.relaydesk.core.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * Which workspace's portal a signed-out visitor is on: the one named by its slug (the link a
 * company puts on its site: /portal/login?workspace=acme), or the only one of an installation with
 * a single workspace.
 */
@ApplicationScoped
public class PortalWorkspaces {
    @Inject
    WorkspaceService workspaces;

    @Inject
    Tenancy tenancy;

    @Transactional
    public Optional<Workspace> find(String idOrSlug) {
        if (idOrSlug != null && !idOrSlug.isBlank()) {
            return idOrSlug.length() > 100 ? Optional.empty() : workspaces.findByIdOrSlug(idOrSlug.trim());
        }
        List<Workspace> all = tenancy.global().createQuery("SELECT w FROM Workspace w", Workspace.class).setMaxResults(2).getResultList();
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }

    /** The same, or a clear error that names the missing piece. */
    @Transactional
    public Workspace require(String idOrSlug) {
        return find(idOrSlug).orElseThrow(() -> new org.relaydesk.core.error.InvalidInputException("workspace",
                "no such help centre; use the portal link of the company you write to"));
    }
}
