package org.relaydesk.web.widget;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.relaydesk.core.user.Secrets;

/**
 * Serves the widget's scripts (built by the widget module) to any website: {@code /widget.js}, the
 * small loader a page embeds, cached briefly so a new version reaches sites soon; and
 * {@code /widget/app.js}, the panel the loader fetches on the first open, addressed by its content's
 * hash so browsers keep it until it changes. Both are sent gzipped to browsers that take it.
 */
@WebServlet(urlPatterns = {"/widget.js", "/widget/app.js"})
public class WidgetScriptServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String RESOURCES = "/relaydesk-widget/";
    static final String APP_VERSION_MARK = "__RELAYDESK_APP_VERSION__";

    private transient Script loader;
    private transient Script app;

    /** A script's bytes, plain and gzipped, and its ETag. */
    record Script(byte[] plain, byte[] gzipped, String etag) {
        static Script of(String text) {
            byte[] plain = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(plain);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Script(plain, out.toByteArray(), "\"" + Secrets.sha256Hex(plain).substring(0, 16) + "\"");
        }
    }

    @Override
    public void init() {
        app = Script.of(read("app.js"));
        loader = Script.of(read("loader.js").replace(APP_VERSION_MARK, app.etag().replace("\"", "")));
    }

    private static String read(String name) {
        try (InputStream in = WidgetScriptServlet.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("The widget's " + name + " is missing from the build (module widget)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean isLoader = request.getServletPath().equals("/widget.js");
        Script script = isLoader ? loader : app;
        response.setContentType("text/javascript");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // any site may load it; the page's embedding is checked by the API it calls, not here
        response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Cache-Control", isLoader ? "public, max-age=300" : "public, max-age=31536000, immutable");
        response.setHeader("ETag", script.etag());
        response.addHeader("Vary", "Accept-Encoding");
        if (script.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String accepted = request.getHeader("Accept-Encoding");
        boolean gzip = accepted != null && accepted.toLowerCase(java.util.Locale.ROOT).contains("gzip");
        byte[] body = gzip ? script.gzipped() : script.plain();
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
