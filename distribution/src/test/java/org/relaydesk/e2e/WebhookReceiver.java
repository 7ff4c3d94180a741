package org.relaydesk.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP receiver for webhooks on 127.0.0.1: records every request (path, headers, body) and
 * answers each path with the codes it was told, in order, then with its standing code (200 unless set).
 */
final class WebhookReceiver implements AutoCloseable {
    record Request(String path, Map<String, String> headers, String body, Instant receivedAt) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> next = new ConcurrentHashMap<>();
    private final Map<String, Integer> standing = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(path, headers, body, Instant.now()));
            int code = answerFor(path);
            if (code >= 300 && code < 400) {
                exchange.getResponseHeaders().add("Location", url("/moved-here"));
            }
            byte[] answer = ("answer " + code + " to " + path).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    private synchronized int answerFor(String path) {
        Deque<Integer> queued = next.get(path);
        if (queued != null && !queued.isEmpty()) {
            return queued.poll();
        }
        return standing.getOrDefault(path, 200);
    }

    /** The next requests to {@code path} get these codes, in order. */
    synchronized WebhookReceiver answer(String path, Integer... codes) {
        next.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(codes));
        return this;
    }

    /** Every request to {@code path} gets this code from now on (after any queued ones). */
    WebhookReceiver always(String path, int code) {
        standing.put(path, code);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests(String path) {
        List<Request> matching = new ArrayList<>();
        for (Request request : requests) {
            if (request.path().equals(path)) {
                matching.add(request);
            }
        }
        return matching;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
