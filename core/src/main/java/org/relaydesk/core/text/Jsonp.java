package org.relaydesk.core.text;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * jakarta.json.Json's factory methods over one provider looked up once. Each call of Json's own
 * methods looks the provider up again (a ServiceLoader scan of the class path: jsonp-api issue 154);
 * in the ticket-creation profile that scan was an eighth of the CPU time. Use these instead.
 */
public final class Jsonp {
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    /** Parses a JSON text (close the reader, or use it in try-with-resources). */
    public static JsonReader createReader(String json) {
        return PROVIDER.createReader(new StringReader(json));
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder createObjectBuilder(jakarta.json.JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    /** Writers with these settings (pretty printing for a console, say). */
    public static jakarta.json.JsonWriterFactory createWriterFactory(java.util.Map<String, ?> config) {
        return PROVIDER.createWriterFactory(config);
    }

    public static JsonString createValue(String value) {
        return PROVIDER.createValue(value);
    }

    public static JsonNumber createValue(BigDecimal value) {
        return PROVIDER.createValue(value);
    }
}
