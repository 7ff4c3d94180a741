package org.relaydesk.web.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.relaydesk.api.channel.InteractiveChoices;
import org.relaydesk.core.error.InvalidInputException;

/**
 * {@code choices} of a reply, within WhatsApp's limits (the strictest messaging channel): up to 3
 * quick-reply {@code buttons} (titles of at most 20 characters), or a {@code list} opened by its
 * {@code button} with up to 10 rows in up to 10 sections (row titles 24, descriptions 72, section
 * titles 24 characters, a title for each section when there are several). Ids come back with the
 * customer's choice, so they are unique.
 */
public record ChoicesRequest(
        @Size(max = 60, message = "at most 60 characters") String header,
        @Size(max = 60, message = "at most 60 characters") String footer,
        @Size(min = 1, max = 3, message = "1 to 3 buttons") List<@Valid Button> buttons,
        @Valid ListChoice list) {

    public record Button(
            @NotBlank(message = "is required") @Size(max = 256, message = "at most 256 characters") String id,
            @NotBlank(message = "is required") @Size(max = 20, message = "at most 20 characters") String title) {
    }

    public record ListChoice(
            @NotBlank(message = "is required (the label of the button that opens the list)") @Size(max = 20, message = "at most 20 characters") String button,
            @NotEmpty(message = "at least one section") @Size(max = 10, message = "at most 10 sections") List<@Valid Section> sections) {

        @AssertTrue(message = "at most 10 rows in all sections together")
        public boolean isWithinRowLimit() {
            return sections == null || sections.stream().filter(Objects::nonNull).mapToInt(s -> s.rows() == null ? 0 : s.rows().size()).sum() <= 10;
        }

        @AssertTrue(message = "each section needs a title when there are several")
        public boolean isTitledWhenSeveral() {
            return sections == null || sections.size() < 2 || sections.stream().allMatch(s -> s != null && s.title() != null && !s.title().isBlank());
        }
    }

    public record Section(
            @Size(max = 24, message = "at most 24 characters") String title,
            @NotEmpty(message = "at least one row") List<@Valid Row> rows) {
    }

    public record Row(
            @NotBlank(message = "is required") @Size(max = 200, message = "at most 200 characters") String id,
            @NotBlank(message = "is required") @Size(max = 24, message = "at most 24 characters") String title,
            @Size(max = 72, message = "at most 72 characters") String description) {
    }

    @AssertTrue(message = "give either buttons or a list")
    public boolean isOneKind() {
        return (buttons == null) != (list == null);
    }

    @AssertTrue(message = "each choice needs an id of its own: the id comes back with the customer's answer")
    public boolean isUniquelyIdentified() {
        List<String> ids = ids();
        return ids.stream().distinct().count() == ids.size();
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        if (buttons != null) {
            buttons.stream().filter(Objects::nonNull).map(Button::id).filter(Objects::nonNull).forEach(ids::add);
        }
        if (list != null && list.sections() != null) {
            list.sections().stream().filter(s -> s != null && s.rows() != null).flatMap(s -> s.rows().stream()).filter(Objects::nonNull)
                    .map(Row::id).filter(Objects::nonNull).forEach(ids::add);
        }
        return ids;
    }

    /** Checked, in the channel's terms; refused as bad input on {@code choices.…} (each field named). */
    public InteractiveChoices validated(Validator validator) {
        Map<String, String> errors = new TreeMap<>();
        for (ConstraintViolation<ChoicesRequest> violation : validator.validate(this)) {
            errors.put(fieldName(violation.getPropertyPath().toString()), violation.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(new LinkedHashMap<>(errors));
        }
        List<InteractiveChoices.Choice> choices = new ArrayList<>();
        if (buttons != null) {
            buttons.forEach(b -> choices.add(new InteractiveChoices.Choice(b.id().strip(), b.title().strip(), null, null)));
            return new InteractiveChoices(header, footer, null, choices);
        }
        for (Section section : list.sections()) {
            for (Row row : section.rows()) {
                choices.add(new InteractiveChoices.Choice(row.id().strip(), row.title().strip(), row.description(), section.title()));
            }
        }
        return new InteractiveChoices(header, footer, list.button().strip(), choices);
    }

    /** "list.sections[0].rows[1].title" as the API names it: "choices.list.sections[0].rows[1].title"; the class-level rules name their object. */
    private static String fieldName(String path) {
        String name = path.replaceAll("\\.?(oneKind|uniquelyIdentified|withinRowLimit|titledWhenSeveral)$", "")
                .replaceAll("\\.<list element>", "").replace("<list element>", "");
        return name.isEmpty() ? "choices" : "choices." + name;
    }

    /** The request's {@code choices} member, or null when there is none; a wrong shape is refused by name. */
    public static ChoicesRequest from(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        JsonObject json = object(value, "choices");
        List<Button> buttons = json.containsKey("buttons") && json.get("buttons").getValueType() != JsonValue.ValueType.NULL
                ? array(json.get("buttons"), "choices.buttons").stream().map(v -> {
                    JsonObject b = object(v, "choices.buttons[]");
                    return new Button(text(b, "id", "choices.buttons[].id"), text(b, "title", "choices.buttons[].title"));
                }).toList() : null;
        ListChoice list = null;
        if (json.containsKey("list") && json.get("list").getValueType() != JsonValue.ValueType.NULL) {
            JsonObject l = object(json.get("list"), "choices.list");
            List<Section> sections = l.containsKey("sections") ? array(l.get("sections"), "choices.list.sections").stream().map(v -> {
                JsonObject s = object(v, "choices.list.sections[]");
                List<Row> rows = s.containsKey("rows") ? array(s.get("rows"), "choices.list.sections[].rows").stream().map(r -> {
                    JsonObject row = object(r, "choices.list.sections[].rows[]");
                    String where = "choices.list.sections[].rows[].";
                    return new Row(text(row, "id", where + "id"), text(row, "title", where + "title"), text(row, "description", where + "description"));
                }).toList() : null;
                return new Section(text(s, "title", "choices.list.sections[].title"), rows);
            }).toList() : null;
            list = new ListChoice(text(l, "button", "choices.list.button"), sections);
        }
        return new ChoicesRequest(text(json, "header", "choices.header"), text(json, "footer", "choices.footer"), buttons, list);
    }

    private static JsonObject object(JsonValue value, String field) {
        if (!(value instanceof JsonObject object)) {
            throw new InvalidInputException(field, "must be an object");
        }
        return object;
    }

    private static List<JsonValue> array(JsonValue value, String field) {
        if (!(value instanceof JsonArray array)) {
            throw new InvalidInputException(field, "must be an array");
        }
        return array;
    }

    private static String text(JsonObject json, String name, String field) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw new InvalidInputException(field, "must be a string");
        }
        return s.getString();
    }
}
