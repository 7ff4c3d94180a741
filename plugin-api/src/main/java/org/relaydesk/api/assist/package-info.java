/**
 * Assistance: a plugin that reads tickets and the knowledge base and suggests what to do. The host
 * calls an {@link org.relaydesk.api.assist.AssistProvider} (listed in
 * META-INF/services/org.relaydesk.api.assist.AssistProvider) through its guard with a time limit, shows
 * what it suggests, and carries out a suggestion only when an agent chooses it (or, for triage, when
 * an administrator set a confidence above which it is applied). The host stays fully usable without
 * one. Since 1.4.
 */
package org.relaydesk.api.assist;
