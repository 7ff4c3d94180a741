package org.relaydesk.web.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactIdentity;

/**
 * A customer as the API shows it: every way to reach them ({@code identities}: email, phone in
 * E.164, whatsapp id in digits, widget visitor), with whether they opted out of messages there;
 * {@code merged_into_id} names the contact a merged one became.
 */
public record ContactJson(UUID id, UUID workspaceId, String name, String email, String phone, String organization, List<IdentityJson> identities,
        UUID mergedIntoId, Instant createdAt) {

    public record IdentityJson(UUID id, String kind, String value, boolean optedOut, Instant optedOutAt) {
        static IdentityJson of(ContactIdentity i) {
            return new IdentityJson(i.id(), i.kind().apiName(), i.value(), i.optedOut(), i.optedOutAt());
        }
    }

    /** {@code workspaceId} is the caller's: tenant isolation means every contact shown belongs to it. */
    public static ContactJson of(Contact c, UUID workspaceId) {
        return new ContactJson(c.id(), workspaceId, c.name(), c.primaryEmail(), c.primaryPhone(), c.organization(),
                identities(c), c.mergedIntoId(), c.createdAt());
    }

    static List<IdentityJson> identities(Contact c) {
        return c.identities().stream().sorted(java.util.Comparator.comparing((ContactIdentity i) -> i.kind().ordinal()).thenComparing(ContactIdentity::value))
                .map(IdentityJson::of).toList();
    }
}
