package org.relaydesk.web.portal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The portal's session cookie. Its own name, apart from the staff panels' session cookie: a
 * customer's sign-in never creates or touches a staff session. HttpOnly, SameSite=Strict (no other
 * site can make a signed-in request), and Secure when the desk is served over HTTPS.
 */
public final class PortalCookie {
    public static final String NAME = "RELAYDESK_PORTAL";
    private static final int MAX_AGE_SECONDS = 14 * 24 * 3600;

    private PortalCookie() {
    }

    public static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** The Set-Cookie header value that signs in (a token) or out (null). */
    public static String header(String token, HttpServletRequest request) {
        boolean secure = request.isSecure() || ConfigProvider.getConfig().getOptionalValue("relaydesk.base-url", String.class).orElse("")
                .trim().toLowerCase(java.util.Locale.ROOT).startsWith("https://");
        return NAME + "=" + (token == null ? "" : token) + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + (token == null ? 0 : MAX_AGE_SECONDS) + (secure ? "; Secure" : "");
    }

    public static void set(HttpServletResponse response, HttpServletRequest request, String token) {
        response.addHeader("Set-Cookie", header(token, request));
    }
}
