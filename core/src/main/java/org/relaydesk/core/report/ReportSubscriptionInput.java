package org.relaydesk.core.report;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an admin sets on a scheduled report. {@code filter}: the analytics API's parameters (team,
 * agent, category, channel, priority, tags); {@code active} null keeps the current state (on creation: on).
 */
public record ReportSubscriptionInput(String name, String report, String frequency, Map<String, String> filter, Set<UUID> recipients, Boolean active) {
}
