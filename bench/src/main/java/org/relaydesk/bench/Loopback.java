package org.relaydesk.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Load and bulk inserts are only ever aimed at this machine: a mistyped URL must not turn a
 * benchmark into traffic against someone else's server.
 */
final class Loopback {
    private Loopback() {
    }

    static URI requireLoopback(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = URI.create(plain);
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a URL: " + url);
        }
        String host = uri.getHost();
        if (host == null) {
            throw new UsageException("no host in " + url + " (give it explicitly, e.g. 127.0.0.1)");
        }
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new UsageException(host + " is not a loopback address: benchmarks only target this machine");
            }
        } catch (UnknownHostException e) {
            throw new UsageException("unknown host " + host);
        }
        return uri;
    }
}
