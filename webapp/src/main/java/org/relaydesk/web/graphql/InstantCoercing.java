package org.relaydesk.web.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** DateTime: an {@link Instant} written and read in ISO-8601. */
final class InstantCoercing implements Coercing<Instant, String> {
    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        throw new CoercingSerializeException("not an instant");
    }

    @Override
    public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
        try {
            return Instant.parse(String.valueOf(input));
        } catch (DateTimeParseException e) {
            throw new CoercingParseValueException("a DateTime is ISO-8601, such as 2026-12-06T10:30:00Z");
        }
    }

    @Override
    public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        if (input instanceof StringValue text) {
            try {
                return Instant.parse(text.getValue());
            } catch (DateTimeParseException e) {
                throw new CoercingParseLiteralException("a DateTime is ISO-8601, such as 2026-12-06T10:30:00Z");
            }
        }
        throw new CoercingParseLiteralException("a DateTime is a string");
    }
}
