package org.relaydesk.core.assist;

import java.math.BigDecimal;

/**
 * A workspace's choices for the assistant. {@code applyAbove}: triage applies a suggested category,
 * team, priority or tag by itself when its confidence is at least this (0.5 to 1; null: it only
 * suggests). {@code escalateFrustrated}: a new ticket whose customer sounds frustrated or aggressive is
 * escalated on arrival. {@code widgetAnswers}: the widget answers from the help centre before its form.
 */
public record AssistSettings(BigDecimal applyAbove, boolean escalateFrustrated, boolean widgetAnswers) {
    public static final AssistSettings DEFAULTS = new AssistSettings(null, true, true);

    public AssistSettings {
        if (applyAbove != null && (applyAbove.compareTo(new BigDecimal("0.5")) < 0 || applyAbove.compareTo(BigDecimal.ONE) > 0)) {
            throw new org.relaydesk.core.error.InvalidInputException("apply_above", "must be between 0.5 and 1, or empty to only suggest");
        }
        applyAbove = applyAbove == null ? null : applyAbove.setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
