package org.relaydesk.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The one door to the database. {@link #em()} hands out the transaction's EntityManager bound to
 * the current workspace, so every JPA operation on a {@link WorkspaceOwned} entity is filtered by
 * it. {@link #global()} is for the few tables that are not per workspace (workspaces, settings)
 * and for cross-workspace look-ups that authentication needs.
 */
@ApplicationScoped
public class Tenancy {
    public static final String WORKSPACE_PROPERTY = "relaydesk.workspace";

    @PersistenceContext(unitName = "relaydesk")
    private EntityManager entityManager;

    @Inject
    private CurrentWorkspace currentWorkspace;

    public EntityManager em() {
        entityManager.setProperty(WORKSPACE_PROPERTY, currentWorkspace.require().toString());
        return entityManager;
    }

    /**
     * A native SQL query. EclipseLink refuses native SQL once entities are multitenant (it cannot
     * add the workspace filter to it); each query made here states that it handles the workspace
     * itself, or needs none.
     */
    public jakarta.persistence.Query sql(String sql) {
        return entityManager.createNativeQuery(sql).setHint("eclipselink.jdbc.allow-native-sql-query", true);
    }

    public EntityManager global() {
        return entityManager;
    }

    public java.util.UUID workspaceId() {
        return currentWorkspace.require();
    }

    public void actAs(java.util.UUID workspaceId) {
        currentWorkspace.set(workspaceId);
    }
}
