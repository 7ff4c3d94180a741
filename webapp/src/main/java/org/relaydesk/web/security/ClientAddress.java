package org.relaydesk.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The address rate limits count against. Behind the reverse proxy that install.sh sets up, the
 * client is the first X-Forwarded-For entry; that header is trusted only when the operator says a
 * proxy is in front (relaydesk.proxy.trusted), since clients could forge it otherwise.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        boolean trustProxy = ConfigProvider.getConfig().getOptionalValue("relaydesk.proxy.trusted", Boolean.class).orElse(false);
        String forwarded = request.getHeader("X-Forwarded-For");
        if (trustProxy && forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return request.getRemoteAddr();
    }
}
