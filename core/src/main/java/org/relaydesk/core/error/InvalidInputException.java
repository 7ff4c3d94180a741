package org.relaydesk.core.error;

import java.util.LinkedHashMap;
import java.util.Map;

/** Input that breaks a rule; carries one message per offending field (answered 400). */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> fieldErrors;

    public InvalidInputException(String field, String message) {
        this(Map.of(field, message));
    }

    public InvalidInputException(Map<String, String> fieldErrors) {
        super(fieldErrors.entrySet().iterator().next().getKey() + ": " + fieldErrors.values().iterator().next());
        this.fieldErrors = new LinkedHashMap<>(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return Map.copyOf(fieldErrors);
    }

    /** Collects several field errors before failing once, so a form shows all of them together. */
    public static final class Collector {
        private final Map<String, String> errors = new LinkedHashMap<>();

        public Collector check(boolean ok, String field, String message) {
            if (!ok) {
                errors.putIfAbsent(field, message);
            }
            return this;
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
    }
}
