package org.relaydesk.core.sla;

import java.util.Locale;

/** The three promises an SLA policy makes. */
public enum SlaMetric {
    FIRST_RESPONSE("first response"), NEXT_RESPONSE("next response"), RESOLUTION("resolution");

    private final String label;

    SlaMetric(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
