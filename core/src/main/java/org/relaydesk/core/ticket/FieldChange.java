package org.relaydesk.core.ticket;

/** One field of a ticket that changed, as the timeline records it. */
public record FieldChange(String field, String before, String after) {
    public static FieldChange of(String field, Object before, Object after) {
        return new FieldChange(field, before == null ? null : before.toString(), after == null ? null : after.toString());
    }

    public boolean isChange() {
        return before == null ? after != null : !before.equals(after);
    }
}
