/** The host's services for plugins: a key-value store, HTTP, the clock, look-ups. Since 1.1. */
package org.relaydesk.api.host;
