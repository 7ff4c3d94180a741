package org.relaydesk.core.sla;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.text.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;

/**
 * A workspace's business calendars: weekly hours and holidays in a time zone. Saving one makes the
 * SLA of every unresolved ticket due for recomputation, as policies do.
 */
@ApplicationScoped
public class BusinessCalendars {
    @Inject
    Tenancy tenancy;

    /** {@code week} maps "monday".."sunday" to shifts "HH:mm"-"HH:mm". */
    public record CalendarInput(String name, String timeZone, Map<String, List<BusinessCalendar.Shift>> week, List<HolidayCalendarFile.Holiday> holidays) {
    }

    @Transactional
    public List<BusinessHours> list() {
        return tenancy.em().createQuery("SELECT c FROM BusinessHours c ORDER BY c.name", BusinessHours.class).getResultList();
    }

    @Transactional
    public BusinessHours get(UUID id) {
        BusinessHours hours = tenancy.em().find(BusinessHours.class, id);
        if (hours == null) {
            throw new NotFoundException("Business calendar");
        }
        return hours;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public BusinessHours create(CalendarInput input) {
        Stored stored = validate(input, null);
        BusinessHours hours = new BusinessHours(stored.name(), stored.zone(), stored.week(), stored.holidays());
        tenancy.em().persist(hours);
        audited(org.relaydesk.core.audit.AuditAction.BUSINESS_HOURS_CHANGED, "business_hours", hours.id(), hours.name(), "created");
        return hours;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public BusinessHours update(UUID id, CalendarInput input) {
        BusinessHours hours = get(id);
        Stored stored = validate(input, id);
        hours.define(stored.name(), stored.zone(), stored.week(), stored.holidays());
        SlaPolicies.recomputeLater(tenancy);
        audited(org.relaydesk.core.audit.AuditAction.BUSINESS_HOURS_CHANGED, "business_hours", id, hours.name(), "updated");
        return hours;
    }

    /** Adds the holidays of an iCalendar file (those already there are kept once). */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public BusinessHours importHolidays(UUID id, String icalendar) {
        BusinessHours hours = get(id);
        List<HolidayCalendarFile.Holiday> imported;
        try {
            // rules are expanded from last year on, as seen in the calendar's own time zone
            imported = HolidayCalendarFile.read(icalendar, java.time.LocalDate.now(java.time.ZoneId.of(hours.timeZone())));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("file", e.getMessage());
        }
        Map<String, HolidayCalendarFile.Holiday> all = new LinkedHashMap<>();
        for (HolidayCalendarFile.Holiday h : holidaysOf(hours)) {
            all.put(h.date() + "/" + h.yearly(), h);
        }
        imported.forEach(h -> all.putIfAbsent(h.date() + "/" + h.yearly(), h));
        hours.define(hours.name(), hours.timeZone(), hours.weekJson(), holidaysJson(List.copyOf(all.values())));
        SlaPolicies.recomputeLater(tenancy);
        audited(org.relaydesk.core.audit.AuditAction.BUSINESS_HOURS_CHANGED, "business_hours", id, hours.name(), imported.size() + " holidays imported");
        return hours;
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id) {
        BusinessHours hours = get(id);
        long users = tenancy.em().createQuery("SELECT COUNT(p) FROM SlaPolicy p WHERE p.calendarId = :c", Long.class)
                .setParameter("c", id).getSingleResult();
        if (users > 0) {
            throw new ConflictException("The calendar is used by " + users + " SLA " + (users == 1 ? "policy" : "policies") + ": choose another one there first");
        }
        tenancy.em().remove(hours);
        audited(org.relaydesk.core.audit.AuditAction.BUSINESS_HOURS_CHANGED, "business_hours", id, hours.name(), "deleted");
    }

    public static List<HolidayCalendarFile.Holiday> holidaysOf(BusinessHours hours) {
        try (var reader = Jsonp.createReader(new java.io.StringReader(hours.holidaysJson()))) {
            return reader.readArray().getValuesAs(jakarta.json.JsonObject.class).stream()
                    .map(h -> new HolidayCalendarFile.Holiday(java.time.LocalDate.parse(h.getString("date")), h.getBoolean("yearly", false),
                            h.getString("name", "Holiday")))
                    .sorted(Comparator.comparing(HolidayCalendarFile.Holiday::date)).toList();
        }
    }

    private record Stored(String name, String zone, String week, String holidays) {
    }

    private Stored validate(CalendarInput input, UUID id) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String name = input.name() == null ? "" : input.name().trim();
        errors.check(!name.isEmpty() && name.length() <= 100, "name", "is required (at most 100 characters)");
        ZoneId zone = null;
        try {
            zone = ZoneId.of(input.timeZone() == null ? "" : input.timeZone());
        } catch (DateTimeException e) {
            errors.check(false, "time_zone", "is not a time zone (e.g. Europe/Berlin)");
        }
        errors.check(input.week() != null && input.week().values().stream().anyMatch(s -> !s.isEmpty()), "week",
                "needs at least one shift (e.g. monday 09:00-17:00)");
        if (input.week() != null) {
            input.week().keySet().forEach(day -> errors.check(List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
                    .contains(day), "week." + day, "is not a day of the week"));
        }
        errors.throwIfAny();
        if (list().stream().anyMatch(c -> !c.id().equals(id) && c.name().equalsIgnoreCase(name))) {
            throw new ConflictException("There is already a calendar named '" + name + "'");
        }
        var week = Jsonp.createObjectBuilder();
        input.week().forEach((day, shifts) -> {
            JsonArrayBuilder list = Jsonp.createArrayBuilder();
            shifts.forEach(s -> list.add(Jsonp.createObjectBuilder().add("start", s.start().toString()).add("end", s.end().toString())));
            week.add(day, list);
        });
        String holidays = holidaysJson(input.holidays() == null ? List.of() : input.holidays());
        String weekJson = week.build().toString();
        BusinessHours.toCalendar(zone, weekJson, holidays); // the same parse the clocks will use
        return new Stored(name, zone.getId(), weekJson, holidays);
    }

    static String holidaysJson(List<HolidayCalendarFile.Holiday> holidays) {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        holidays.stream().sorted(Comparator.comparing(HolidayCalendarFile.Holiday::date)).forEach(h -> list.add(Jsonp.createObjectBuilder()
                .add("date", h.date().toString()).add("yearly", h.yearly()).add("name", h.name() == null ? "Holiday" : h.name())));
        return list.build().toString();
    }

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    private void audited(org.relaydesk.core.audit.AuditAction action, String type, Object id, String label, String what) {
        audit.fire(org.relaydesk.core.audit.Audited.of(tenancy.workspaceId(), action, type, id, label).changed(null, what));
    }
}
