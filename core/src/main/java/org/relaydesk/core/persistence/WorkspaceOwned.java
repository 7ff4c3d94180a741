package org.relaydesk.core.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * Every row that belongs to a workspace. Tenant isolation lives here and only here: EclipseLink
 * adds {@code workspace_id = <current workspace>} to every query, find, update and delete of these
 * entities and fills the column on insert, so no query can forget it.
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "workspace_id", contextProperty = Tenancy.WORKSPACE_PROPERTY, length = 36)
public abstract class WorkspaceOwned {
    @Id
    @Column(name = "id")
    private UUID id = Ids.newId();

    @Column(name = "workspace_id", insertable = false, updatable = false)
    private UUID workspaceId;

    public UUID id() {
        return id;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((WorkspaceOwned) other).id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
