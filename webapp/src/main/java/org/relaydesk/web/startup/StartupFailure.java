package org.relaydesk.web.startup;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.relaydesk.core.error.InvalidInputException;

/**
 * Relaydesk could not start (a setting refused, the database unreachable, a migration failed). Payara
 * would keep running with nothing deployed, answering every request with an empty error, which an
 * operator or a service manager cannot tell from a working server. Instead the reason is written as
 * one plain line and the server process ends, so that {@code bin/relaydesk start} ends with it.
 */
final class StartupFailure {
    /** The exit status for a setting that was refused (EX_CONFIG of sysexits.h): fix it and start again. */
    static final int BAD_SETTING = 78;
    static final int FAILED = 70;

    private static final Logger LOG = Logger.getLogger(StartupFailure.class.getName());

    private StartupFailure() {
    }

    static void stop(RuntimeException cause) {
        InvalidInputException refused = invalidInput(cause);
        String reason = reason(cause);
        LOG.log(Level.SEVERE, reason, refused != null ? null : cause);
        flush(Logger.getLogger(""));
        System.err.println(reason);
        System.err.flush();
        // halt, not exit: exit would run Payara's shutdown hooks, which wait for this deployment to end
        Runtime.getRuntime().halt(refused != null ? BAD_SETTING : FAILED);
    }

    /** One line for the operator: what was refused, named by the setting they set, or what failed. */
    static String reason(RuntimeException cause) {
        InvalidInputException refused = invalidInput(cause);
        return "Relaydesk cannot start, " + (refused != null ? "a setting was refused: " + describe(refused)
                : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private static String describe(InvalidInputException refused) {
        return String.join("; ", refused.fieldErrors().entrySet().stream().map(e -> adminSetting(e.getKey()) + ": " + e.getValue()).toList());
    }

    /** The first admin's fields are the operator's settings. */
    private static String adminSetting(String field) {
        return switch (field) {
            case "password" -> "relaydesk.admin.password (RELAYDESK_ADMIN_PASSWORD)";
            case "email" -> "relaydesk.admin.email (RELAYDESK_ADMIN_EMAIL)";
            default -> field;
        };
    }

    private static InvalidInputException invalidInput(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static void flush(Logger logger) {
        for (Handler handler : logger.getHandlers()) {
            handler.flush();
        }
    }
}
