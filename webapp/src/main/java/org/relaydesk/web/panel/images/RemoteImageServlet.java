package org.relaydesk.web.panel.images;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fetches a remote image of a message for an agent who asked to see it ("Load images"), so the
 * agent's browser never talks to the sender's server (which learns only that the desk fetched it).
 * Staff only (it lives under /agent/, behind the panel filter); only signed addresses from messages
 * (see {@link RemoteImageProxy}); no redirects; only addresses on the public internet unless the
 * operator allows private ones (relaydesk.remote-images.allow-private-addresses); at most 5 MB of a
 * raster image type. Anything else is a 4xx and fetches nothing.
 */
@WebServlet(RemoteImageProxy.PATH)
public class RemoteImageServlet extends HttpServlet {
    static final int MAX_BYTES = 5 * 1024 * 1024;
    /** Raster images only: an SVG can carry script, and would run it if opened from this origin. */
    static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/x-icon",
            "image/vnd.microsoft.icon", "image/avif");
    private static final Logger LOG = Logger.getLogger(RemoteImageServlet.class.getName());
    /**
     * No redirects; names resolved once through the address rule and the socket checking the address
     * it connects to, so a name that answers a public address to a check and a private one to the
     * connection (DNS rebinding) gets nowhere.
     */
    private static volatile org.apache.hc.client5.http.impl.classic.CloseableHttpClient client;

    private static org.apache.hc.client5.http.impl.classic.CloseableHttpClient client() {
        if (client == null) {
            synchronized (RemoteImageServlet.class) {
                if (client == null) {
                    client = org.relaydesk.core.net.GuardedHttpClients.create(new org.relaydesk.core.net.OutboundAddressPolicy(allowPrivate()),
                            Duration.ofSeconds(5), Duration.ofSeconds(10), 0);
                }
            }
        }
        return client;
    }

    @Inject
    RemoteImageProxy proxy;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String url = request.getParameter("url");
        if (!proxy.verify(url, request.getParameter("sig"))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "This image address was not given out by the desk");
            return;
        }
        URI uri = RemoteImageProxy.validUrl(url);
        if (uri == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Not a web address");
            return;
        }
        org.apache.hc.client5.http.classic.methods.HttpGet get = new org.apache.hc.client5.http.classic.methods.HttpGet(uri);
        get.setHeader("Accept", "image/*");
        try (org.apache.hc.core5.http.ClassicHttpResponse remote = client().executeOpen(null, get, null)) {
            org.apache.hc.core5.http.HttpEntity entity = remote.getEntity();
            String type = entity == null || entity.getContentType() == null ? ""
                    : entity.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (remote.getCode() != 200 || !IMAGE_TYPES.contains(type)) {
                response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The address did not answer with an image");
                return;
            }
            byte[] bytes;
            try (InputStream body = entity.getContent()) {
                bytes = body.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The image is larger than 5 MB");
                return;
            }
            response.setContentType(type);
            response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
            response.setHeader("Cache-Control", "private, max-age=3600");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } catch (java.net.UnknownHostException refusedOrUnknown) {
            // the address rule answers a refused address as an unknown host: say which, without details
            boolean refused = refusedOrUnknown.getCause() instanceof org.relaydesk.api.host.AddressNotAllowedException;
            response.sendError(refused ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_BAD_GATEWAY,
                    refused ? "Images from private network addresses are not fetched" : "The image could not be fetched");
        } catch (IOException e) {
            LOG.fine(() -> "remote image not fetched: " + e);
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The image could not be fetched");
        }
    }

    private static boolean allowPrivate() {
        return ConfigProvider.getConfig().getOptionalValue("relaydesk.remote-images.allow-private-addresses", Boolean.class).orElse(false);
    }
}
