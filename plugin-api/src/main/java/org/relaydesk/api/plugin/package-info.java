/** What every kind of plugin shares: the settings it asks administrators for. */
package org.relaydesk.api.plugin;
