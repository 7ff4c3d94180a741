/** Neutral ticket vocabulary shared by the core and plugins: statuses, priorities, authors. */
package org.relaydesk.api.ticket;
