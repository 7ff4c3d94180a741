package org.relaydesk.web.panel;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.relaydesk.core.assist.AssistService;

/** Whether an assistant is enabled, for pages that offer its buttons (read once per request). */
@Named
@RequestScoped
public class AssistStatus {
    @Inject
    AssistService assist;

    private Boolean available;

    public boolean isAvailable() {
        if (available == null) {
            available = assist.available();
        }
        return available;
    }
}
