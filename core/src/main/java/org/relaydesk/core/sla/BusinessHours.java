package org.relaydesk.core.sla;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.relaydesk.core.persistence.WorkspaceOwned;

/**
 * A workspace's business calendar as stored: time zone, weekly shifts and holidays as JSON (see the
 * migration for the shapes). {@link #calendar()} gives the arithmetic.
 */
@Entity
@Table(name = "business_calendars")
public class BusinessHours extends WorkspaceOwned {
    /** Office hours where nothing else is configured: Monday to Friday, 09:00 to 17:00. */
    public static final String OFFICE_WEEK = "{\"monday\":[{\"start\":\"09:00\",\"end\":\"17:00\"}],\"tuesday\":[{\"start\":\"09:00\",\"end\":\"17:00\"}],"
            + "\"wednesday\":[{\"start\":\"09:00\",\"end\":\"17:00\"}],\"thursday\":[{\"start\":\"09:00\",\"end\":\"17:00\"}],"
            + "\"friday\":[{\"start\":\"09:00\",\"end\":\"17:00\"}]}";

    @Column(nullable = false)
    private String name;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(nullable = false)
    private String week;

    @Column(nullable = false)
    private String holidays = "[]";

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected BusinessHours() {
    }

    BusinessHours(String name, String timeZone, String week, String holidays) {
        define(name, timeZone, week, holidays);
    }

    void define(String newName, String zone, String weekJson, String holidaysJson) {
        this.name = newName;
        this.timeZone = zone;
        this.week = weekJson;
        this.holidays = holidaysJson;
        this.updatedAt = Instant.now();
    }

    public BusinessCalendar calendar() {
        return toCalendar(ZoneId.of(timeZone), week, holidays);
    }

    /** Parses the stored shapes; a malformed value is an IllegalArgumentException naming it. */
    static BusinessCalendar toCalendar(ZoneId zone, String weekJson, String holidaysJson) {
        JsonObject days = SlaPolicy.parse(weekJson);
        Map<DayOfWeek, List<BusinessCalendar.Shift>> shifts = new EnumMap<>(DayOfWeek.class);
        for (String key : days.keySet()) {
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(key.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + key + "' is not a day of the week");
            }
            List<BusinessCalendar.Shift> list = new ArrayList<>();
            for (JsonObject shift : days.getJsonArray(key).getValuesAs(JsonObject.class)) {
                list.add(new BusinessCalendar.Shift(LocalTime.parse(shift.getString("start")), LocalTime.parse(shift.getString("end"))));
            }
            shifts.put(day, list);
        }
        Set<LocalDate> once = new HashSet<>();
        Set<MonthDay> yearly = new HashSet<>();
        JsonArray list = parseArray(holidaysJson);
        for (JsonObject holiday : list.getValuesAs(JsonObject.class)) {
            LocalDate date = LocalDate.parse(holiday.getString("date"));
            if (holiday.getBoolean("yearly", false)) {
                yearly.add(MonthDay.from(date));
            } else {
                once.add(date);
            }
        }
        return BusinessCalendar.of(zone, shifts, once, yearly);
    }

    private static JsonArray parseArray(String json) {
        try (var reader = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(json == null || json.isBlank() ? "[]" : json))) {
            return reader.readArray();
        }
    }

    public String name() {
        return name;
    }

    public String timeZone() {
        return timeZone;
    }

    public String weekJson() {
        return week;
    }

    public String holidaysJson() {
        return holidays;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
