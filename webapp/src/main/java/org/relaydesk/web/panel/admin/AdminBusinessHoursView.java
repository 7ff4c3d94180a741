package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.primefaces.event.FileUploadEvent;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.sla.BusinessCalendar;
import org.relaydesk.core.sla.BusinessCalendars;
import org.relaydesk.core.sla.BusinessHours;
import org.relaydesk.core.sla.HolidayCalendarFile;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/business-hours: calendars for SLA policies. Each day's shifts are typed as
 * "09:00-12:00, 13:00-17:00" (an end before its start runs past midnight); holidays one per line,
 * "2026-12-25 yearly Christmas", or imported from an iCalendar file.
 */
@Named
@ViewScoped
public class AdminBusinessHoursView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    @Inject
    BusinessCalendars calendars;

    private String editingId;
    private String name;
    private String timeZone = "UTC";
    private Map<String, String> days = officeWeek();
    private String holidays;

    private static Map<String, String> officeWeek() {
        Map<String, String> week = new LinkedHashMap<>();
        DAYS.forEach(d -> week.put(d, d.equals("saturday") || d.equals("sunday") ? "" : "09:00-17:00"));
        return week;
    }

    public List<BusinessHours> getCalendars() {
        return calendars.list();
    }

    public List<String> getDayNames() {
        return DAYS;
    }

    public List<String> getTimeZones() {
        return ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc") && !z.startsWith("SystemV"))
                .sorted().toList();
    }

    /** "Mon 09:00–17:00 · … · 3 holidays" */
    public String summaryOf(BusinessHours hours) {
        var json = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(hours.weekJson())).readObject();
        String week = DAYS.stream().filter(json::containsKey).map(d -> d.substring(0, 1).toUpperCase() + d.substring(1, 3) + " "
                + json.getJsonArray(d).getValuesAs(jakarta.json.JsonObject.class).stream()
                        .map(s -> s.getString("start") + "–" + s.getString("end")).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(" · "));
        int count = BusinessCalendars.holidaysOf(hours).size();
        return week + " · " + count + (count == 1 ? " holiday" : " holidays");
    }

    public void startNew() {
        editingId = null;
        name = null;
        timeZone = "UTC";
        days = officeWeek();
        holidays = null;
    }

    public void edit(BusinessHours hours) {
        editingId = hours.id().toString();
        name = hours.name();
        timeZone = hours.timeZone();
        var json = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(hours.weekJson())).readObject();
        days = new LinkedHashMap<>();
        DAYS.forEach(d -> days.put(d, json.containsKey(d) ? json.getJsonArray(d).getValuesAs(jakarta.json.JsonObject.class).stream()
                .map(s -> s.getString("start") + "-" + s.getString("end")).collect(Collectors.joining(", ")) : ""));
        holidays = BusinessCalendars.holidaysOf(hours).stream().map(h -> h.date() + (h.yearly() ? " yearly" : "") + " " + h.name())
                .collect(Collectors.joining("\n"));
    }

    public void save() {
        BusinessCalendars.CalendarInput input;
        try {
            input = new BusinessCalendars.CalendarInput(name, timeZone, shifts(), holidayList());
        } catch (InvalidInputException e) {
            PanelActions.error(PanelActions.reason(e));
            return;
        }
        boolean done = editingId == null
                ? PanelActions.attempt(() -> calendars.create(input), "Calendar " + input.name() + " added")
                : PanelActions.attempt(() -> calendars.update(UUID.fromString(editingId), input), "Calendar " + input.name() + " saved");
        if (done) {
            startNew();
        }
    }

    /** An iCalendar file of holidays, added to the calendar being edited. */
    public void importHolidays(FileUploadEvent event) {
        if (editingId == null) {
            PanelActions.error("Save the calendar first, then import its holidays.");
            return;
        }
        String text = new String(event.getFile().getContent(), StandardCharsets.UTF_8);
        UUID id = UUID.fromString(editingId);
        if (PanelActions.attempt(() -> calendars.importHolidays(id, text), "Holidays imported from " + event.getFile().getFileName())) {
            edit(calendars.get(id));
        }
    }

    public void delete(BusinessHours hours) {
        PanelActions.attempt(() -> calendars.delete(hours.id()), "Calendar " + hours.name() + " removed");
    }

    private Map<String, List<BusinessCalendar.Shift>> shifts() {
        Map<String, List<BusinessCalendar.Shift>> week = new LinkedHashMap<>();
        for (String day : DAYS) {
            String text = days.getOrDefault(day, "");
            List<BusinessCalendar.Shift> list = new ArrayList<>();
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] times = part.trim().split("\\s*[-–]\\s*");
                try {
                    list.add(new BusinessCalendar.Shift(LocalTime.parse(pad(times[0])), LocalTime.parse(pad(times[1]))));
                } catch (DateTimeException | ArrayIndexOutOfBoundsException e) {
                    throw new InvalidInputException("week." + day, "shifts are written like 09:00-17:00, 22:00-06:00 (not '" + part.trim() + "')");
                }
            }
            if (!list.isEmpty()) {
                week.put(day, list);
            }
        }
        return week;
    }

    /** "9:00" is fine too. */
    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private List<HolidayCalendarFile.Holiday> holidayList() {
        List<HolidayCalendarFile.Holiday> list = new ArrayList<>();
        if (holidays == null) {
            return list;
        }
        for (String line : holidays.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            LocalDate date;
            try {
                date = LocalDate.parse(parts[0]);
            } catch (DateTimeException e) {
                throw new InvalidInputException("holidays", "each line starts with a date, YYYY-MM-DD (not '" + trimmed + "')");
            }
            String rest = parts.length > 1 ? parts[1].trim() : "";
            boolean yearly = rest.toLowerCase().startsWith("yearly");
            String label = (yearly ? rest.substring(6) : rest).trim();
            list.add(new HolidayCalendarFile.Holiday(date, yearly, label.isEmpty() ? "Holiday" : label));
        }
        return list;
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public String getEditingId() {
        return editingId;
    }

    public void setEditingId(String value) {
        this.editingId = value == null || value.isBlank() ? null : value;
    }

    public String getName() {
        return name;
    }

    public void setName(String value) {
        this.name = value;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String value) {
        this.timeZone = value;
    }

    public Map<String, String> getDays() {
        return days;
    }

    public String getHolidays() {
        return holidays;
    }

    public void setHolidays(String value) {
        this.holidays = value;
    }
}
