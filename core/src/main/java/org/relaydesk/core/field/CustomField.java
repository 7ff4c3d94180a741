package org.relaydesk.core.field;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.relaydesk.core.persistence.WorkspaceOwned;

/** A ticket field of the workspace's own: its key in the ticket's custom_fields, label, type and rules. */
@Entity
@Table(name = "custom_field_definitions")
public class CustomField extends WorkspaceOwned {
    /** The kinds of value a field holds. */
    public enum Type {
        TEXT("Text"), NUMBER("Number"), DATE("Date"), SELECT("Choice from a list"), CHECKBOX("Checkbox");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Column(name = "field_key", nullable = false)
    private String key;

    @Column(nullable = false)
    private String label;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Type type;

    /** The choices of a SELECT field, one per line. */
    private String options;

    @Column(nullable = false)
    private boolean required;

    @Column(nullable = false)
    private int position;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected CustomField() {
    }

    CustomField(String key, Type type) {
        this.key = key;
        this.type = type;
    }

    void update(String newLabel, List<String> newOptions, boolean isRequired, int newPosition) {
        this.label = newLabel;
        this.options = newOptions.isEmpty() ? null : String.join("\n", newOptions);
        this.required = isRequired;
        this.position = newPosition;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public Type type() {
        return type;
    }

    public List<String> options() {
        return options == null ? List.of() : Arrays.stream(options.split("\n")).filter(o -> !o.isBlank()).toList();
    }

    public boolean required() {
        return required;
    }

    public int position() {
        return position;
    }

    // Bean-style read accessors for the panels' forms (EL).
    public String getKey() {
        return key;
    }

    public String getLabel() {
        return label;
    }

    public String getTypeName() {
        return type.name();
    }

    public List<String> getOptions() {
        return options();
    }

    public boolean isRequired() {
        return required;
    }
}
