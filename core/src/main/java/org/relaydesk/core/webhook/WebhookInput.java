package org.relaydesk.core.webhook;

import java.util.Set;

/**
 * What an admin sets on a webhook. {@code secret}: null to have one made (on creation) or to keep
 * it (on a change); {@code active} null keeps the current state (on creation: on).
 */
public record WebhookInput(String url, String description, Set<String> events, WebhookFilter filter, Boolean active, String secret) {
}
