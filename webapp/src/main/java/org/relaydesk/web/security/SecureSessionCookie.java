package org.relaydesk.web.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Marks the session cookie Secure when people reach the desk over HTTPS. A request that arrives
 * over TLS gets a Secure cookie from the container anyway; behind a reverse proxy that ends TLS, the
 * container sees plain HTTP, so the operator's public address (relaydesk.base-url) decides: an
 * https:// address means the cookie must never travel over plain HTTP. (The container sets the
 * cookie itself, below any filter, so this is decided once, at start.)
 */
@WebListener
public class SecureSessionCookie implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        String baseUrl = ConfigProvider.getConfig().getOptionalValue("relaydesk.base-url", String.class).orElse("");
        if (servedOverHttps(baseUrl)) {
            event.getServletContext().getSessionCookieConfig().setSecure(true);
        }
    }

    static boolean servedOverHttps(String baseUrl) {
        return baseUrl.trim().toLowerCase(Locale.ROOT).startsWith("https://");
    }
}
