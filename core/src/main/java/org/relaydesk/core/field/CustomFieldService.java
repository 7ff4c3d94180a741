package org.relaydesk.core.field;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.text.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;

/**
 * The workspace's custom ticket fields, and the one place their values are checked: a form's
 * values become the JSON stored on the ticket only if each fits its field's type (and required
 * fields are filled, where the form asks for that).
 */
@ApplicationScoped
public class CustomFieldService {
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final int MAX_FIELDS = 50;

    @Inject
    Tenancy tenancy;

    @Transactional
    public List<CustomField> list() {
        return tenancy.em().createQuery("SELECT f FROM CustomField f ORDER BY f.position, f.label", CustomField.class).getResultList();
    }

    /** Adds a field (its key and type are fixed from then on, so stored values keep their meaning) or updates one. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public CustomField save(UUID id, String label, String type, String key, List<String> options, boolean required) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        List<String> cleanOptions = options == null ? List.of() : options.stream().map(String::trim).filter(o -> !o.isEmpty()).distinct().toList();
        errors.check(label != null && !label.isBlank() && label.length() <= 100, "label", "is required (at most 100 characters)");
        CustomField field;
        if (id == null) {
            String cleanKey = key == null || key.isBlank() ? keyFrom(label) : key.trim();
            CustomField.Type fieldType = parseType(type);
            errors.check(fieldType != null, "type", "must be one of text, number, date, select, checkbox")
                    .check(KEY.matcher(cleanKey).matches(), "key", "lowercase letters, digits and _, starting with a letter")
                    .check(fieldType != CustomField.Type.SELECT || !cleanOptions.isEmpty(), "options", "a list field needs at least one choice");
            errors.throwIfAny();
            boolean taken = !tenancy.em().createQuery("SELECT f FROM CustomField f WHERE f.key = :k", CustomField.class)
                    .setParameter("k", cleanKey).getResultList().isEmpty();
            if (taken) {
                throw new ConflictException("There is already a field with the key " + cleanKey);
            }
            if (list().size() >= MAX_FIELDS) {
                throw new ConflictException("A workspace has at most " + MAX_FIELDS + " custom fields");
            }
            field = new CustomField(cleanKey, fieldType);
            field.update(label.trim(), cleanOptions, required, list().size());
            tenancy.em().persist(field);
        } else {
            field = get(id);
            errors.check(field.type() != CustomField.Type.SELECT || !cleanOptions.isEmpty(), "options", "a list field needs at least one choice");
            errors.throwIfAny();
            field.update(label.trim(), cleanOptions, required, field.position());
        }
        return field;
    }

    /** Values already stored on tickets stay there (and in the API); the panels stop showing them. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id) {
        tenancy.em().remove(get(id));
    }

    private CustomField get(UUID id) {
        CustomField field = tenancy.em().find(CustomField.class, id);
        if (field == null) {
            throw new NotFoundException("Custom field");
        }
        return field;
    }

    /**
     * The ticket's custom_fields JSON after a form set {@code values} (key to text, or Boolean for
     * checkboxes): each value is checked and converted to its field's type; blank means "not set".
     * Keys that are not (or no longer) fields are kept as they were.
     */
    @Transactional
    public String merge(String currentJson, Map<String, Object> values, boolean requireRequired) {
        JsonObject current = currentJson == null || currentJson.isBlank() ? JsonValue.EMPTY_JSON_OBJECT
                : Jsonp.createReader(new StringReader(currentJson)).readObject();
        Map<String, JsonValue> result = new LinkedHashMap<>(current);
        Map<String, String> errors = new LinkedHashMap<>();
        for (CustomField field : list()) {
            if (!values.containsKey(field.key())) {
                continue;
            }
            Object raw = values.get(field.key());
            String text = raw == null ? "" : raw.toString().trim();
            if (field.type() == CustomField.Type.CHECKBOX) {
                boolean checked = Boolean.parseBoolean(text);
                if (!checked && requireRequired && field.required()) {
                    errors.put(field.label(), "must be checked");
                }
                result.put(field.key(), checked ? JsonValue.TRUE : JsonValue.FALSE);
                continue;
            }
            if (text.isEmpty()) {
                if (requireRequired && field.required()) {
                    errors.put(field.label(), "is required");
                }
                result.remove(field.key());
                continue;
            }
            try {
                result.put(field.key(), convert(field, text));
            } catch (IllegalArgumentException e) {
                errors.put(field.label(), e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        result.forEach(json::add);
        return json.build().toString();
    }

    static JsonValue convert(CustomField field, String text) {
        switch (field.type()) {
            case NUMBER:
                try {
                    return Jsonp.createValue(new BigDecimal(text.replace(',', '.')));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a number");
                }
            case DATE:
                try {
                    return Jsonp.createValue(LocalDate.parse(text).toString());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("must be a date (YYYY-MM-DD)");
                }
            case SELECT:
                if (!field.options().contains(text)) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", field.options()));
                }
                return Jsonp.createValue(text);
            case CHECKBOX:
                return Boolean.parseBoolean(text) ? JsonValue.TRUE : JsonValue.FALSE;
            default:
                if (text.length() > 1000) {
                    throw new IllegalArgumentException("at most 1000 characters");
                }
                return Jsonp.createValue(text);
        }
    }

    /** The form's starting values of a ticket: each field's stored value as text. */
    public static Map<String, Object> valuesOf(String json, List<CustomField> fields) {
        JsonObject stored = json == null || json.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : Jsonp.createReader(new StringReader(json)).readObject();
        Map<String, Object> values = new LinkedHashMap<>();
        for (CustomField field : fields) {
            JsonValue value = stored.get(field.key());
            if (field.type() == CustomField.Type.CHECKBOX) {
                values.put(field.key(), value == JsonValue.TRUE);
            } else if (value == null || value == JsonValue.NULL) {
                values.put(field.key(), null);
            } else if (value.getValueType() == JsonValue.ValueType.STRING) {
                values.put(field.key(), ((jakarta.json.JsonString) value).getString());
            } else {
                values.put(field.key(), value.toString());
            }
        }
        return values;
    }

    static String keyFrom(String label) {
        String key = label == null ? "" : java.text.Normalizer.normalize(label, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
            key = "field_" + key;
        }
        return key.length() > 64 ? key.substring(0, 64) : key;
    }

    private static CustomField.Type parseType(String type) {
        try {
            return type == null ? null : CustomField.Type.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
