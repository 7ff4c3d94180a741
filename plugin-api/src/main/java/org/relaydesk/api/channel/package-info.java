/**
 * Channels: how messages reach Relaydesk. A plugin's {@link org.relaydesk.api.channel.ChannelConnectorFactory}
 * declares a kind and its settings; the host stores each raw message a connector hands it, then reads,
 * threads and files it in a worker, so that a message is never lost and one that fails never blocks the others.
 */
package org.relaydesk.api.channel;
