package org.relaydesk.web.panel.images;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

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
        if (!allowPrivate() && !isPublic(uri.getHost())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Images from private network addresses are not fetched");
            return;
        }
        HttpResponse<InputStream> remote;
        try {
            remote = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Accept", "image/*").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The image could not be fetched");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        try (InputStream body = remote.body()) {
            String type = remote.headers().firstValue("Content-Type").orElse("").split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (remote.statusCode() != 200 || !IMAGE_TYPES.contains(type)) {
                response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The address did not answer with an image");
                return;
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The image is larger than 5 MB");
                return;
            }
            response.setContentType(type);
            response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
            response.setHeader("Cache-Control", "private, max-age=3600");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    private static boolean allowPrivate() {
        return ConfigProvider.getConfig().getOptionalValue("relaydesk.remote-images.allow-private-addresses", Boolean.class).orElse(false);
    }

    /** Every address the name resolves to is on the public internet (not this machine, the LAN, link-local or multicast). */
    static boolean isPublic(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                byte[] raw = address.getAddress();
                boolean uniqueLocalV6 = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
                boolean sharedV4 = raw.length == 4 && (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64; // 100.64.0.0/10
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || sharedV4) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            LOG.fine(() -> "remote image host unknown: " + host);
            return false;
        }
    }
}
