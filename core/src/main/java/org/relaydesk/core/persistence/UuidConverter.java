package org.relaydesk.core.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * Hands UUIDs to pgjdbc as they are (it maps them to PostgreSQL's uuid type). EclipseLink's own
 * UUID support fails on NULL values of nullable uuid columns, so every non-id UUID goes through here.
 */
@Converter(autoApply = true)
public class UuidConverter implements AttributeConverter<UUID, Object> {
    @Override
    public Object convertToDatabaseColumn(UUID value) {
        return value;
    }

    @Override
    public UUID convertToEntityAttribute(Object value) {
        if (value == null || value instanceof UUID) {
            return (UUID) value;
        }
        return UUID.fromString(value.toString());
    }
}
