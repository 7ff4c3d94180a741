package org.relaydesk.web.panel;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.error.PermissionDeniedException;
import org.relaydesk.core.error.TooManyRequestsException;

/**
 * How panel actions report back: a refused action shows the rule it broke, in words, and marks
 * validation failed so the form keeps what was typed.
 */
public final class PanelActions {
    private PanelActions() {
    }

    /** Runs an action of a service; a refusal becomes a message. True when it went through. */
    public static boolean attempt(Runnable action, String done) {
        try {
            action.run();
        } catch (InvalidInputException | ConflictException | PermissionDeniedException | NotFoundException | TooManyRequestsException e) {
            error(reason(e));
            return false;
        }
        if (done != null) {
            info(done);
        }
        return true;
    }

    /** "name is required; email must be a valid email address" */
    public static String reason(RuntimeException e) {
        if (e instanceof InvalidInputException invalid && !invalid.fieldErrors().isEmpty()) {
            return invalid.fieldErrors().entrySet().stream().map(f -> label(f.getKey()) + " " + f.getValue())
                    .reduce((a, b) -> a + "; " + b).orElse(e.getMessage());
        }
        return e.getMessage();
    }

    private static String label(String field) {
        if (field.equals("url")) {
            return "URL";
        }
        String words = field.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    public static void warn(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
    }

    public static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        FacesContext.getCurrentInstance().validationFailed();
    }

    /**
     * The public address of this installation when the operator set one (relaydesk.base-url);
     * links shown or sent use it, so they work behind a reverse proxy.
     */
    public static java.util.Optional<String> baseUrl() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("relaydesk.base-url", String.class)
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** A message that survives the redirect that follows. */
    public static void infoAfterRedirect(String text) {
        info(text);
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }
}
