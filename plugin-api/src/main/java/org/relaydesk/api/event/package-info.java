/** Ticket events for plugins: told of every committed change. Since 1.1. */
package org.relaydesk.api.event;
