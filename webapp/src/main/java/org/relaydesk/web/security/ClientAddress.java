package org.relaydesk.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The address rate limits count against. Behind a reverse proxy (nginx, Apache, HAProxy), the
 * client is the last X-Forwarded-For entry: the one our proxy appended. Entries before it came from
 * the client, which can write anything there (including someone else's address, to throttle them).
 * The header is read only when the operator says a proxy is in front (relaydesk.proxy.trusted).
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        boolean trustProxy = ConfigProvider.getConfig().getOptionalValue("relaydesk.proxy.trusted", Boolean.class).orElse(false);
        String forwarded = request.getHeader("X-Forwarded-For");
        if (trustProxy && forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].trim();
            return last.isEmpty() ? request.getRemoteAddr() : last;
        }
        return request.getRemoteAddr();
    }
}
