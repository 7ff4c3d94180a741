package org.relaydesk.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.sla.BusinessCalendar;
import org.relaydesk.core.sla.BusinessCalendars;
import org.relaydesk.core.sla.BusinessHours;
import org.relaydesk.core.sla.HolidayCalendarFile;
import org.relaydesk.core.user.Role;
import org.relaydesk.web.security.CurrentUser;

/**
 * Business calendars for SLA policies: a time zone, weekly shifts ("end" at or before "start" runs
 * into the next day) and holidays, which may also come from an iCalendar file. Admins change them.
 */
@Path("/business-calendars")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "SLA")
@SecurityRequirement(name = "bearer")
public class BusinessCalendarResource {
    /** An iCalendar file of public holidays is some kilobytes; this is plenty. */
    private static final int MAX_ICALENDAR_BYTES = 1024 * 1024;

    @Inject
    BusinessCalendars calendars;

    @Inject
    CurrentUser currentUser;

    public record ShiftJson(String start, String end) {
    }

    public record HolidayJson(LocalDate date, boolean yearly, String name) {
    }

    public record CalendarJson(UUID id, String name, String timeZone, Map<String, List<ShiftJson>> week, List<HolidayJson> holidays,
            Instant updatedAt) {
        static CalendarJson of(BusinessHours hours) {
            Map<String, List<ShiftJson>> week = new LinkedHashMap<>();
            JsonObject stored = org.relaydesk.core.text.Jsonp.createReader(new java.io.StringReader(hours.weekJson())).readObject();
            for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
                if (stored.containsKey(day)) {
                    week.put(day, stored.getJsonArray(day).getValuesAs(JsonObject.class).stream()
                            .map(s -> new ShiftJson(s.getString("start"), s.getString("end"))).toList());
                }
            }
            return new CalendarJson(hours.id(), hours.name(), hours.timeZone(), week, BusinessCalendars.holidaysOf(hours).stream()
                    .map(h -> new HolidayJson(h.date(), h.yearly(), h.name())).toList(), hours.updatedAt());
        }
    }

    public record CalendarList(List<CalendarJson> calendars) {
    }

    @GET
    public CalendarList list() {
        return new CalendarList(calendars.list().stream().map(CalendarJson::of).toList());
    }

    @GET
    @Path("/{id}")
    public CalendarJson get(@PathParam("id") String id) {
        return CalendarJson.of(calendars.get(Params.pathId(id, "Business calendar")));
    }

    @POST
    public Response create(JsonObject json) {
        currentUser.require(Role.ADMIN);
        return Response.status(Response.Status.CREATED).entity(CalendarJson.of(calendars.create(input(new Body(json))))).build();
    }

    @PUT
    @Path("/{id}")
    public CalendarJson update(@PathParam("id") String id, JsonObject json) {
        currentUser.require(Role.ADMIN);
        return CalendarJson.of(calendars.update(Params.pathId(id, "Business calendar"), input(new Body(json))));
    }

    /** The body is an iCalendar file (text/calendar); its holidays are added to the calendar's. */
    @POST
    @Path("/{id}/holidays")
    @Consumes({"text/calendar", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public CalendarJson importHolidays(@PathParam("id") String id, byte[] file) {
        currentUser.require(Role.ADMIN);
        if (file == null || file.length == 0 || file.length > MAX_ICALENDAR_BYTES) {
            throw new InvalidInputException("file", "an iCalendar file of at most 1 MB is required");
        }
        return CalendarJson.of(calendars.importHolidays(Params.pathId(id, "Business calendar"), new String(file, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        currentUser.require(Role.ADMIN);
        calendars.delete(Params.pathId(id, "Business calendar"));
        return Response.noContent().build();
    }

    private static BusinessCalendars.CalendarInput input(Body body) {
        Map<String, List<BusinessCalendar.Shift>> week = new LinkedHashMap<>();
        JsonObject days = body.nested("week");
        if (days != null) {
            for (String day : days.keySet()) {
                if (!(days.get(day) instanceof JsonArray shifts)) {
                    throw new InvalidInputException("week." + day, "must be an array of shifts");
                }
                List<BusinessCalendar.Shift> list = new ArrayList<>();
                for (JsonValue shift : shifts) {
                    if (!(shift instanceof JsonObject s) || !s.containsKey("start") || !s.containsKey("end")) {
                        throw new InvalidInputException("week." + day, "each shift is {\"start\": \"09:00\", \"end\": \"17:00\"}");
                    }
                    try {
                        list.add(new BusinessCalendar.Shift(LocalTime.parse(s.getString("start")), LocalTime.parse(s.getString("end"))));
                    } catch (DateTimeException | ClassCastException e) {
                        throw new InvalidInputException("week." + day, "times are written HH:mm, e.g. 09:00");
                    }
                }
                week.put(day, list);
            }
        }
        List<HolidayCalendarFile.Holiday> holidays = new ArrayList<>();
        JsonValue given = body.raw("holidays");
        if (given instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (!(value instanceof JsonObject h) || !h.containsKey("date")) {
                    throw new InvalidInputException("holidays", "each holiday is {\"date\": \"2026-12-25\", \"yearly\": true, \"name\": \"Christmas\"}");
                }
                try {
                    holidays.add(new HolidayCalendarFile.Holiday(LocalDate.parse(h.getString("date")), h.getBoolean("yearly", false),
                            h.getString("name", "Holiday")));
                } catch (DateTimeException | ClassCastException e) {
                    throw new InvalidInputException("holidays", "dates are written YYYY-MM-DD");
                }
            }
        } else if (given != null && given.getValueType() != JsonValue.ValueType.NULL) {
            throw new InvalidInputException("holidays", "must be an array");
        }
        return new BusinessCalendars.CalendarInput(body.string("name"), body.string("time_zone"), week, holidays);
    }
}
