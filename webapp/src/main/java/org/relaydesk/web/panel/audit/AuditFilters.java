package org.relaydesk.web.panel.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.relaydesk.core.audit.AuditAction;
import org.relaydesk.core.audit.AuditLog;
import org.relaydesk.core.error.InvalidInputException;

/** The audit log page's filters, as the page and its export read them: action name, actor text, from and to dates (UTC days, inclusive). */
final class AuditFilters {
    private AuditFilters() {
    }

    static AuditLog.Filter of(String action, String actor, String from, String to) {
        AuditAction wanted = null;
        if (action != null && !action.isBlank()) {
            wanted = AuditAction.fromApiName(action).orElseThrow(() -> new InvalidInputException("action", "is not an action the audit log records"));
        }
        if (actor != null && (actor.length() > 320 || actor.indexOf('\0') >= 0)) {
            throw new InvalidInputException("actor", "at most 320 characters, and no NUL");
        }
        return new AuditLog.Filter(wanted, actor, day(from, "from", false), day(to, "to", true), null, AuditLog.MAX_PAGE);
    }

    private static java.time.Instant day(String value, String field, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date (YYYY-MM-DD)");
        }
    }
}
