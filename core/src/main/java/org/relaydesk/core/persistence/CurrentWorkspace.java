package org.relaydesk.core.persistence;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;

/** The workspace the current request (or job) acts in: set once by authentication. */
@RequestScoped
public class CurrentWorkspace {
    private UUID workspaceId;

    public void set(UUID workspaceId) {
        this.workspaceId = workspaceId;
    }

    public Optional<UUID> get() {
        return Optional.ofNullable(workspaceId);
    }

    public UUID require() {
        if (workspaceId == null) {
            throw new IllegalStateException("No workspace selected for this request");
        }
        return workspaceId;
    }
}
