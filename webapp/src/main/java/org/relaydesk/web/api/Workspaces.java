package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.workspace.Workspace;
import org.relaydesk.core.workspace.WorkspaceService;

/** The caller's workspace, loaded at most once per request (ticket numbers need its prefix). */
@RequestScoped
public class Workspaces {
    @Inject
    Tenancy tenancy;

    @Inject
    WorkspaceService service;

    private Workspace current;

    public Workspace current() {
        if (current == null) {
            current = service.get(tenancy.workspaceId());
        }
        return current;
    }

    /** The caller's workspace id without loading it: every row an API call shows belongs to it. */
    public java.util.UUID id() {
        return tenancy.workspaceId();
    }

    public String prefix() {
        return current().ticketPrefix();
    }
}
