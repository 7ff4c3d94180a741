package org.relaydesk.core.sla;

import java.util.Locale;

/** Where a clock (or a whole ticket) stands. */
public enum SlaState {
    ON_TRACK, AT_RISK, BREACHED, MET, PAUSED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
