package org.relaydesk.core.portal;

import java.util.UUID;

/** The signed-in portal customer of a request: whose tickets they may see, in which workspace. */
public record Customer(UUID workspaceId, UUID accountId, UUID contactId, String name, String email) {
    /** The part after '@', lower case: what "my organisation" means when an admin shares by domain. */
    public String emailDomain() {
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
