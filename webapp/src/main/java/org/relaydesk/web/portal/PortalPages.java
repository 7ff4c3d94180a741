package org.relaydesk.web.portal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's addresses (seed 001's routes) and what each needs. Paths are the served ones, after
 * the container decoded and normalised them (and after the request guard refused ambiguous ones).
 * Anything else under /portal is 404.
 */
public final class PortalPages {
    private static final Pattern TICKET = Pattern.compile("^/portal/tickets/([1-9][0-9]{0,17})$");

    /** A page: its name (the script renders it), title, and whether it needs a signed-in customer. */
    public record Page(String name, String title, boolean signedIn, Long ticketNumber) {
    }

    private PortalPages() {
    }

    public static Optional<Page> of(String path) {
        return Optional.ofNullable(switch (path) {
            case "/register", "/portal/register" -> new Page("register", "Create your account", false, null);
            case "/portal/login" -> new Page("login", "Sign in", false, null);
            case "/portal/verify" -> new Page("verify", "Confirm your address", false, null);
            case "/portal/sign-in" -> new Page("sign-in", "Signing you in", false, null);
            case "/portal/forgot-password" -> new Page("forgot-password", "Forgot your password?", false, null);
            case "/portal/reset-password" -> new Page("reset-password", "Choose a new password", false, null);
            case "/portal", "/portal/", "/portal/dashboard" -> new Page("dashboard", "Your requests", true, null);
            case "/portal/tickets" -> new Page("tickets", "Tickets", true, null);
            case "/portal/tickets/new" -> new Page("new-ticket", "New ticket", true, null);
            case "/portal/profile" -> new Page("profile", "Profile", true, null);
            case "/portal/profile/whatsapp" -> new Page("whatsapp", "Your WhatsApp number", true, null);
            default -> ticket(path);
        });
    }

    private static Page ticket(String path) {
        Matcher matcher = TICKET.matcher(path);
        return matcher.matches() ? new Page("ticket", "Ticket", true, Long.parseLong(matcher.group(1))) : null;
    }
}
