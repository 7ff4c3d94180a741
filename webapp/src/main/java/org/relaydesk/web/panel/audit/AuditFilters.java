package org.relaydesk.web.panel.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.relaydesk.core.audit.AuditLog;
import org.relaydesk.core.error.InvalidInputException;

/** The audit log page's filters, as the page and its export read them: action name, actor text, from and to dates (UTC days, inclusive). */
final class AuditFilters {
    private AuditFilters() {
    }

    static AuditLog.Filter of(String action, String actor, String from, String to) {
        return AuditLog.Filter.of(action, actor, day(from, "from", false), day(to, "to", true), null, AuditLog.MAX_PAGE);
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
