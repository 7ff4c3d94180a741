package org.relaydesk.plugin.webform;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/** JSON through the Parsson packed into this plugin, named directly (no service lookup across class loaders). */
final class Json {
    static final JsonProvider PROVIDER = new org.eclipse.parsson.JsonProviderImpl();

    private Json() {
    }

    /** The object, or null when the text is not a JSON object. */
    static JsonObject object(String text) {
        try (var reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return null;
        }
    }

    static JsonObjectBuilder builder() {
        return PROVIDER.createObjectBuilder();
    }
}
