package org.relaydesk.web.help;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/**
 * Which workspace a public help page or endpoint serves: the one named by {@code ?workspace=}
 * (slug or id, as the logo and the ticket status page take it), or, without one, the installation's
 * only workspace. With several workspaces and none named, there is no help centre to show (404).
 */
@ApplicationScoped
public class HelpSites {
    @Inject
    WorkspaceService workspaces;

    @Inject
    Tenancy tenancy;

    /** The site and whether its links must name the workspace (more than one on this installation). */
    public record Site(Workspace workspace, boolean named) {
        /** A help-centre path as its pages link it, e.g. "/article/reset-password" → "/help/article/reset-password?workspace=acme". */
        public String path(String path) {
            return "/help" + (path.equals("/") ? "" : path) + query();
        }

        public String query() {
            return named ? "?workspace=" + workspace.slug() : "";
        }

        public String and() {
            return named ? "&workspace=" + workspace.slug() : "";
        }

        public String first() {
            return named ? "?workspace=" + workspace.slug() + "&" : "?";
        }
    }

    /** The help centre of the caller's workspace, for links written into replies (naming it when the installation has several). */
    @Transactional
    public Site current() {
        long count = tenancy.global().createQuery("SELECT count(w) FROM Workspace w", Long.class).getSingleResult();
        return new Site(workspaces.get(tenancy.workspaceId()), count > 1);
    }

    @Transactional
    public Optional<Site> resolve(String workspaceParameter) {
        if (workspaceParameter != null && !workspaceParameter.isBlank()) {
            if (workspaceParameter.length() > 100) {
                return Optional.empty();
            }
            return workspaces.findByIdOrSlug(workspaceParameter).map(w -> new Site(w, true));
        }
        List<Workspace> some = tenancy.global().createQuery("SELECT w FROM Workspace w", Workspace.class).setMaxResults(2).getResultList();
        return some.size() == 1 ? Optional.of(new Site(some.get(0), false)) : Optional.empty();
    }
}
