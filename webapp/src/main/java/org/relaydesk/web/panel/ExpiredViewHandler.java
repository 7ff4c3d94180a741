package org.relaydesk.web.panel;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * A form posted from a page whose view the server no longer holds (open for hours, the server was
 * restarted, too many tabs) is not an error of ours: instead of the 500 page, the browser is sent to
 * /expired, which says so and links back to the page. A redirect from an Ajax request goes out as a
 * partial-response redirect, so PrimeFaces follows it too.
 */
public class ExpiredViewHandler extends ExceptionHandlerWrapper {
    public ExpiredViewHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        while (events.hasNext()) {
            if (isExpiredView(events.next().getContext().getException())) {
                events.remove();
                FacesContext faces = FacesContext.getCurrentInstance();
                if (!faces.getResponseComplete()) {
                    redirectToExpiredPage(faces);
                }
            }
        }
        getWrapped().handle();
    }

    private static boolean isExpiredView(Throwable thrown) {
        int hops = 0;
        for (Throwable t = thrown; t != null && hops++ < 16; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ViewExpiredException) {
                return true;
            }
        }
        return false;
    }

    private static void redirectToExpiredPage(FacesContext faces) {
        ExternalContext external = faces.getExternalContext();
        String page = ExpiredPage.localPage(pageOf(external));
        try {
            external.redirect(external.getRequestContextPath() + "/expired?page=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    /** The page the user was on: the browser's Referer (path and query only), else the posted path. */
    private static String pageOf(ExternalContext external) {
        String referer = external.getRequestHeaderMap().get("Referer");
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (IllegalArgumentException notAUri) {
                // fall back to the path posted to
            }
        }
        Object forwarded = external.getRequestMap().get("jakarta.servlet.forward.request_uri");
        return forwarded != null ? forwarded.toString() : external.getRequestContextPath() + external.getRequestServletPath();
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {
        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ExpiredViewHandler(getWrapped().getExceptionHandler());
        }
    }
}
