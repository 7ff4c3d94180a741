/**
 * Workflow actions: what a rule does to a ticket once its trigger fired and its conditions held.
 * Relaydesk's own actions implement {@link org.relaydesk.api.workflow.WorkflowAction} like any
 * plugin's, so a plugin adds an action without the engine knowing it in advance.
 */
package org.relaydesk.api.workflow;
