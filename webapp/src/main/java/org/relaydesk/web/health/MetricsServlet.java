package org.relaydesk.web.health;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.user.AuthService;
import org.relaydesk.core.user.AuthenticatedUser;
import org.relaydesk.core.user.Role;
import org.relaydesk.core.user.TokenScope;
import org.relaydesk.web.panel.PanelSession;
import org.relaydesk.web.security.ClientAddress;

/**
 * /metrics in the Prometheus text format, for a scraper on the server itself or a signed-in
 * administrator (a panel session, or a bearer token with the admin and read scopes). Payara's own
 * endpoint is switched off, since it answers anyone. A request that came through a proxy is never
 * taken for a local one, even when the operator did not declare the proxy: behind nginx every
 * request arrives from loopback.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    AuthService auth;

    @Inject
    PanelSession session;

    @Inject
    org.relaydesk.core.user.policy.SecurityPolicy policy;

    @Inject
    PluginHost plugins;

    @Inject
    ServerMetrics metrics;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!fromThisMachine(request)) {
            Optional<AuthenticatedUser> caller = caller(request);
            if (caller.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"relaydesk\"");
                problem(response, HttpServletResponse.SC_UNAUTHORIZED, "Metrics are for administrators: sign in, or scrape from the server itself");
                return;
            }
            if (!caller.get().may(Role.ADMIN)) {
                problem(response, HttpServletResponse.SC_FORBIDDEN, "Metrics are for administrators");
                return;
            }
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        write(response.getWriter());
        response.getWriter().print(metrics.scrape());
    }

    static boolean fromThisMachine(HttpServletRequest request) {
        boolean proxied = request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null
                || request.getHeader("X-Real-IP") != null;
        if (proxied) {
            return false;
        }
        try {
            return InetAddress.getByName(ClientAddress.of(request)).isLoopbackAddress();
        } catch (IOException notAnAddress) {
            return false;
        }
    }

    private Optional<AuthenticatedUser> caller(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.verifyBearer(header.substring(7).trim()).filter(bearer -> bearer.allows(TokenScope.READ)).map(AuthService.Bearer::user);
        }
        if (request.getSession(false) != null) {
            return session.userWithinLimits(policy).flatMap(auth::refresh);
        }
        return Optional.empty();
    }

    private static void problem(HttpServletResponse response, int status, String detail) throws IOException {
        org.relaydesk.web.error.Problem.write(response, status, status == 401 ? "Unauthorized" : "Forbidden", detail);
    }

    private void write(PrintWriter out) {
        var memory = ManagementFactory.getMemoryMXBean();
        gauge(out, "jvm_memory_used_bytes", "Memory in use", Map.of("area", "heap"), memory.getHeapMemoryUsage().getUsed());
        gauge(out, "jvm_memory_used_bytes", null, Map.of("area", "nonheap"), memory.getNonHeapMemoryUsage().getUsed());
        MemoryUsage heap = memory.getHeapMemoryUsage();
        gauge(out, "jvm_memory_max_bytes", "Most memory the heap may use", Map.of("area", "heap"), heap.getMax());
        gauge(out, "jvm_threads_live", "Live threads", Map.of(), ManagementFactory.getThreadMXBean().getThreadCount());
        gauge(out, "process_uptime_seconds", "Seconds since the server started", Map.of(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        gauge(out, "system_load_average_1m", "The machine's load average", Map.of(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        boolean first = true;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gauge(out, "jvm_gc_collection_seconds", first ? "Time spent collecting garbage" : null, Map.of("gc", gc.getName()),
                    Math.max(0, gc.getCollectionTime()) / 1000.0);
            first = false;
        }
        first = true;
        for (Map.Entry<String, String> plugin : plugins.health().entrySet()) {
            gauge(out, "relaydesk_plugin_up", first ? "1 when a plugin is enabled and its calls succeed" : null,
                    Map.of("plugin", plugin.getKey(), "state", plugin.getValue()), "ok".equals(plugin.getValue()) ? 1 : 0);
            first = false;
        }
    }

    private static void gauge(PrintWriter out, String name, String help, Map<String, String> labels, double value) {
        if (help != null) {
            out.println("# HELP " + name + " " + help);
            out.println("# TYPE " + name + " gauge");
        }
        StringBuilder line = new StringBuilder(name);
        if (!labels.isEmpty()) {
            line.append('{');
            labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(label -> line.append(label.getKey()).append("=\"")
                    .append(label.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append("\","));
            line.setCharAt(line.length() - 1, '}');
        }
        out.println(line.append(' ').append(String.format(Locale.ROOT, "%s", value)));
    }
}
