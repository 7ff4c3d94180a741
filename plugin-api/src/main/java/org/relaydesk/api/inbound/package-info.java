/** Inbound filters: plugins that look at, change or drop inbound messages before they are filed. Since 1.1. */
package org.relaydesk.api.inbound;
