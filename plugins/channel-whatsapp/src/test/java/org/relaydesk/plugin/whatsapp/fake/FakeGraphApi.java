package org.relaydesk.plugin.whatsapp.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Meta's Graph API (WhatsApp Cloud API), a real HTTP server on 127.0.0.1 at a
 * free port, speaking the documented endpoints so a client cannot tell it from the real one:
 * <ul>
 * <li>{@code POST /{version}/{phone-number-id}/messages}: checks the request as Meta does
 * (messaging_product, to, type and the type's object, WhatsApp's limits) and answers
 * {@code {"messaging_product","contacts":[{"input","wa_id"}],"messages":[{"id":"wamid…"}]}};</li>
 * <li>{@code POST /{version}/{phone-number-id}/media} (multipart/form-data) → {@code {"id"}};</li>
 * <li>{@code GET /{version}/{media-id}} → {@code {url, mime_type, sha256, file_size, id, messaging_product}};
 * a GET of that url (bearer token required) → the bytes;</li>
 * <li>{@code GET /{version}/{waba-id}/message_templates} with cursor paging.</li>
 * </ul>
 * Every call needs {@code Authorization: Bearer <token>} (401 with Meta's OAuthException body
 * otherwise). Tests script failures (an error code for the next requests, a slow answer, a 5xx),
 * make a customer's window closed, and read the log of what was received.
 */
public final class FakeGraphApi implements AutoCloseable {
    private static final JsonProvider JSON = new org.eclipse.parsson.JsonProviderImpl();
    private static final Pattern MESSAGES = Pattern.compile("/(v\\d+\\.\\d+)/(\\d+)/messages");
    private static final Pattern MEDIA_UPLOAD = Pattern.compile("/(v\\d+\\.\\d+)/(\\d+)/media");
    private static final Pattern MEDIA_INFO = Pattern.compile("/(v\\d+\\.\\d+)/(\\d+)");
    private static final Pattern TEMPLATES = Pattern.compile("/(v\\d+\\.\\d+)/(\\d+)/message_templates");
    private static final Pattern DOWNLOAD = Pattern.compile("/whatsapp_business/attachments/(\\d+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");

    /** A request as received. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON (null when it is not a JSON object). */
        public JsonObject json() {
            try (var reader = JSON.createReader(new StringReader(text()))) {
                return reader.readObject();
            } catch (RuntimeException e) {
                return null;
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A file the fake holds: uploaded by a client or added by a test (as a customer's media). */
    public record Media(String id, String mimeType, byte[] bytes, String filename, String declaredSha256, long declaredSize) {
    }

    /** A message the fake accepted: to whom, of which type, and the wamid it answered with (what status webhooks then name). */
    public record Accepted(String to, String type, String wamid, JsonObject body) {
    }

    private record Scripted(int status, int code, String message, Duration delay) {
    }

    private final String accessToken;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "fake-graph-api");
        thread.setDaemon(true);
        return thread;
    });
    // appended to on every request: a copy-on-write list copied itself each time, which at a bench's rate of media
    // fetches made the fake, not the server, the slow side
    private final java.util.Queue<Request> requests = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Queue<Accepted> accepted = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final Map<String, String> mediaUrls = new ConcurrentHashMap<>();
    private final List<JsonObject> templates = new CopyOnWriteArrayList<>();
    private final Set<String> closedWindows = ConcurrentHashMap.newKeySet();
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final Deque<Scripted> script = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private volatile int pageSize = 25;
    private volatile String nextPageBase;

    private FakeGraphApi(String accessToken) throws IOException {
        this.accessToken = accessToken;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts a fake that takes this access token. */
    public static FakeGraphApi start(String accessToken) throws IOException {
        return new FakeGraphApi(accessToken);
    }

    /** Where it listens, e.g. http://127.0.0.1:41234 (the account's graph_base_url). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A customer's file, as WhatsApp holds it after a webhook named {@code id}. */
    public FakeGraphApi addMedia(String id, String mimeType, byte[] bytes) {
        media.put(id, new Media(id, mimeType, bytes, null, sha256Hex(bytes), bytes.length));
        return this;
    }

    /** A file whose metadata lies (another checksum or size than its bytes have; a size below 0: none given): for damaged and oversized downloads. */
    public FakeGraphApi addMedia(String id, String mimeType, byte[] bytes, String declaredSha256, long declaredSize) {
        media.put(id, new Media(id, mimeType, bytes, null, declaredSha256, declaredSize));
        return this;
    }

    /** The media endpoint names this address for the file instead of its own download address (another host, another scheme). */
    public FakeGraphApi mediaUrl(String id, String url) {
        mediaUrls.put(id, url);
        return this;
    }

    public Media media(String id) {
        return media.get(id);
    }

    /** A template as the management API lists it (name, language, status, category, components...). */
    public FakeGraphApi addTemplate(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            templates.add(reader.readObject());
        }
        return this;
    }

    public FakeGraphApi pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Makes the template list's paging.next point at another base address (a host the client must not follow). */
    public FakeGraphApi nextPageBase(String base) {
        this.nextPageBase = base;
        return this;
    }

    /** Free-form messages to this wa_id fail with 131047 (more than 24 hours since the customer wrote); templates pass. */
    public FakeGraphApi closeWindow(String waId) {
        closedWindows.add(waId);
        return this;
    }

    public FakeGraphApi openWindow(String waId) {
        closedWindows.remove(waId);
        return this;
    }

    /** Templates to this wa_id fail with 131050 (the customer stopped marketing messages). */
    public FakeGraphApi optOut(String waId) {
        optedOut.add(waId);
        return this;
    }

    /** The next {@code count} requests fail with this HTTP status and Graph API error code. */
    public synchronized FakeGraphApi failNext(int count, int httpStatus, int code, String message) {
        for (int i = 0; i < count; i++) {
            script.add(new Scripted(httpStatus, code, message, null));
        }
        return this;
    }

    /** The next {@code count} requests are answered normally, after {@code delay}. */
    public synchronized FakeGraphApi delayNext(int count, Duration delay) {
        for (int i = 0; i < count; i++) {
            script.add(new Scripted(0, 0, null, delay));
        }
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose path ends with {@code suffix} ("/messages", "/media"). */
    public List<Request> requests(String suffix) {
        return requests.stream().filter(r -> r.path().endsWith(suffix)).toList();
    }

    /** The message bodies posted, in order. */
    public List<JsonObject> sentMessages() {
        return requests("/messages").stream().filter(r -> r.method().equals("POST")).map(Request::json).toList();
    }

    /** The messages accepted (answered with a wamid), in order. */
    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Request request = new Request(exchange.getRequestMethod(), path, query, Map.copyOf(headers), body);
            requests.add(request);
            Scripted scripted;
            synchronized (this) {
                scripted = script.poll();
            }
            if (scripted != null && scripted.delay() != null) {
                try {
                    Thread.sleep(scripted.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!("Bearer " + accessToken).equals(request.header("Authorization"))) {
                error(exchange, 401, 190, "Invalid OAuth access token - Cannot parse access token", "OAuthException", null);
                return;
            }
            if (scripted != null && scripted.status() != 0) {
                error(exchange, scripted.status(), scripted.code(), scripted.message(), "OAuthException", null);
                return;
            }
            route(exchange, request);
        } catch (RuntimeException e) {
            error(exchange, 500, 1, "An unknown error occurred: " + e, "OAuthException", null);
        }
    }

    private void route(HttpExchange exchange, Request request) throws IOException {
        String path = request.path();
        Matcher matcher;
        if (request.method().equals("POST") && (matcher = MESSAGES.matcher(path)).matches()) {
            message(exchange, request);
        } else if (request.method().equals("POST") && (matcher = MEDIA_UPLOAD.matcher(path)).matches()) {
            upload(exchange, request);
        } else if (request.method().equals("GET") && (matcher = TEMPLATES.matcher(path)).matches()) {
            templates(exchange, request, matcher.group(1), matcher.group(2));
        } else if (request.method().equals("GET") && (matcher = MEDIA_INFO.matcher(path)).matches()) {
            Media file = media.get(matcher.group(2));
            if (file == null) {
                error(exchange, 400, 100, "Unsupported get request. Object with ID '" + matcher.group(2)
                        + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", "GraphMethodException",
                        33);
                return;
            }
            var info = JSON.createObjectBuilder().add("url", mediaUrls.getOrDefault(file.id(), baseUrl() + "/whatsapp_business/attachments/" + file.id()
                    + "?mid=" + file.id() + "&ext=" + System.nanoTime())).add("mime_type", file.mimeType()).add("sha256", file.declaredSha256())
                    .add("id", file.id()).add("messaging_product", "whatsapp");
            if (file.declaredSize() >= 0) {
                info.add("file_size", file.declaredSize());
            }
            json(exchange, 200, info.build());
        } else if (request.method().equals("GET") && (matcher = DOWNLOAD.matcher(path)).matches()) {
            Media file = media.get(matcher.group(1));
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", file.mimeType());
            exchange.sendResponseHeaders(200, file.bytes().length == 0 ? -1 : file.bytes().length);
            exchange.getResponseBody().write(file.bytes());
        } else {
            error(exchange, 400, 100, "Unsupported " + request.method().toLowerCase(Locale.ROOT) + " request.", "GraphMethodException", 33);
        }
    }

    private void message(HttpExchange exchange, Request request) throws IOException {
        JsonObject body = request.json();
        if (body == null) {
            invalid(exchange, "The request body is not JSON");
            return;
        }
        String problem = problem(body);
        if (problem != null) {
            invalid(exchange, problem);
            return;
        }
        String to = body.getString("to");
        String type = body.getString("type", "text");
        if (!type.equals("template") && closedWindows.contains(to)) {
            error(exchange, 400, 131047, "Re-engagement message", "OAuthException", null,
                    "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");
            return;
        }
        if (type.equals("template") && optedOut.contains(to)) {
            error(exchange, 400, 131050, "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp "
                    + "from your business", "OAuthException", null);
            return;
        }
        String wamid = "wamid.FAKE" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("relaydesk-fake-" + ids.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        accepted.add(new Accepted(to, type, wamid, body));
        JsonObjectBuilder message = JSON.createObjectBuilder().add("id", wamid);
        if (type.equals("template")) {
            message.add("message_status", "accepted");
        }
        json(exchange, 200, JSON.createObjectBuilder().add("messaging_product", "whatsapp")
                .add("contacts", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("input", to).add("wa_id", to)))
                .add("messages", JSON.createArrayBuilder().add(message)).build());
    }

    /** What Meta would refuse in a message request, or null. */
    private String problem(JsonObject body) {
        if (!"whatsapp".equals(string(body, "messaging_product"))) {
            return "The parameter messaging_product is required and must be whatsapp";
        }
        String to = string(body, "to");
        if (to == null || !to.replaceAll("[+\\s-]", "").matches("\\d{6,20}")) {
            return "The parameter to is required and must be a phone number";
        }
        String type = body.containsKey("type") ? string(body, "type") : "text";
        if (type == null || !(body.get(type) instanceof JsonObject object)) {
            return "The parameter " + type + " is required for a message of type " + type;
        }
        if (body.containsKey("context") && string(body.getJsonObject("context"), "message_id") == null) {
            return "context.message_id must be a message id";
        }
        return switch (type) {
            case "text" -> {
                String text = string(object, "body");
                yield text == null || text.isBlank() ? "text.body is required" : text.length() > 4096 ? "text.body is longer than 4096" : null;
            }
            case "image", "video", "audio", "document", "sticker" -> {
                String id = string(object, "id");
                String link = string(object, "link");
                if ((id == null) == (link == null)) {
                    yield type + " needs either id or link";
                }
                if (id != null && !media.containsKey(id)) {
                    yield "The media " + id + " does not exist";
                }
                String caption = string(object, "caption");
                yield caption != null && caption.length() > 1024 ? "caption is longer than 1024" : null;
            }
            case "interactive" -> interactiveProblem(object);
            case "template" -> templateProblem(object);
            case "reaction", "location", "contacts" -> null;
            default -> "Unknown message type " + type;
        };
    }

    private static String interactiveProblem(JsonObject interactive) {
        String kind = string(interactive, "type");
        JsonObject action = interactive.get("action") instanceof JsonObject a ? a : null;
        if (string(interactive.get("body") instanceof JsonObject b ? b : null, "text") == null) {
            return "interactive.body.text is required";
        }
        if (action == null) {
            return "interactive.action is required";
        }
        if ("button".equals(kind)) {
            JsonArray buttons = action.get("buttons") instanceof JsonArray b ? b : null;
            if (buttons == null || buttons.isEmpty() || buttons.size() > 3) {
                return "interactive.action.buttons must have 1 to 3 buttons";
            }
            for (JsonValue value : buttons) {
                JsonObject reply = value instanceof JsonObject o && o.get("reply") instanceof JsonObject r ? r : null;
                String title = string(reply, "title");
                if (reply == null || string(reply, "id") == null || title == null || title.length() > 20) {
                    return "each button needs reply.id and reply.title of at most 20 characters";
                }
            }
            return null;
        }
        if ("list".equals(kind)) {
            String button = string(action, "button");
            if (button == null || button.length() > 20) {
                return "interactive.action.button is required, at most 20 characters";
            }
            JsonArray sections = action.get("sections") instanceof JsonArray s ? s : null;
            if (sections == null || sections.isEmpty() || sections.size() > 10) {
                return "interactive.action.sections must have 1 to 10 sections";
            }
            int rows = 0;
            for (JsonValue value : sections) {
                JsonObject section = value instanceof JsonObject o ? o : null;
                JsonArray list = section != null && section.get("rows") instanceof JsonArray r ? r : null;
                if (list == null || list.isEmpty()) {
                    return "each section needs rows";
                }
                if (sections.size() > 1 && string(section, "title") == null) {
                    return "sections need titles when there are several";
                }
                for (JsonValue rowValue : list) {
                    JsonObject row = rowValue instanceof JsonObject o ? o : null;
                    String title = string(row, "title");
                    String description = string(row, "description");
                    if (string(row, "id") == null || title == null || title.length() > 24 || description != null && description.length() > 72) {
                        return "each row needs an id, a title of at most 24 and a description of at most 72 characters";
                    }
                    rows++;
                }
            }
            return rows > 10 ? "a list has at most 10 rows" : null;
        }
        return "interactive.type " + kind + " is not supported here";
    }

    private String templateProblem(JsonObject template) {
        String name = string(template, "name");
        String language = string(template.get("language") instanceof JsonObject l ? l : null, "code");
        if (name == null || language == null) {
            return "template.name and template.language.code are required";
        }
        if (templates.isEmpty()) {
            return null;
        }
        JsonObject known = templates.stream().filter(t -> name.equals(string(t, "name")) && language.equals(string(t, "language"))).findFirst()
                .orElse(null);
        if (known == null) {
            return "(#132001) Template name does not exist in the translation";
        }
        // as Meta: the body's parameter count must match its placeholders
        int expected = 0;
        for (JsonValue component : known.getJsonArray("components")) {
            if (component instanceof JsonObject c && "BODY".equals(string(c, "type"))) {
                Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(string(c, "text")));
                while (placeholder.find()) {
                    expected++;
                }
            }
        }
        int given = 0;
        if (template.get("components") instanceof JsonArray components) {
            for (JsonValue component : components) {
                if (component instanceof JsonObject c && "body".equals(string(c, "type")) && c.get("parameters") instanceof JsonArray p) {
                    given += p.size();
                }
            }
        }
        return given == expected ? null : "(#132000) Number of parameters does not match the expected number of params (" + expected + " expected)";
    }

    private void upload(HttpExchange exchange, Request request) throws IOException {
        String contentType = request.header("Content-Type");
        Matcher boundary = contentType == null ? null : Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !boundary.find()) {
            invalid(exchange, "An upload is multipart/form-data");
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Media file = null;
        for (Part part : parts(request.body(), boundary.group(1))) {
            if (part.filename() != null) {
                file = new Media(String.valueOf(ids.incrementAndGet()), part.contentType(), part.content(), part.filename(),
                        sha256Hex(part.content()), part.content().length);
            } else {
                fields.put(part.name(), new String(part.content(), StandardCharsets.UTF_8));
            }
        }
        if (!"whatsapp".equals(fields.get("messaging_product")) || file == null) {
            invalid(exchange, "An upload needs messaging_product=whatsapp and a file");
            return;
        }
        media.put(file.id(), file);
        json(exchange, 200, JSON.createObjectBuilder().add("id", file.id()).build());
    }

    private record Part(String name, String filename, String contentType, byte[] content) {
    }

    private static List<Part> parts(byte[] body, String boundary) {
        List<Part> parts = new ArrayList<>();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            start += 2; // CRLF
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                break;
            }
            byte[] part = java.util.Arrays.copyOfRange(body, start, next - 2);
            int split = indexOf(part, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            String head = new String(part, 0, split, StandardCharsets.UTF_8);
            byte[] content = java.util.Arrays.copyOfRange(part, split + 4, part.length);
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(head);
            Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(head);
            Matcher type = Pattern.compile("(?i)Content-Type:\\s*(\\S+)").matcher(head);
            parts.add(new Part(name.find() ? name.group(1) : null, filename.find() ? filename.group(1) : null, type.find() ? type.group(1) : null,
                    content));
            at = next;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void templates(HttpExchange exchange, Request request, String version, String waba) throws IOException {
        int limit = Math.min(pageSize, request.query().containsKey("limit") ? Integer.parseInt(request.query().get("limit")) : pageSize);
        int from = request.query().containsKey("after") ? Integer.parseInt(new String(Base64.getUrlDecoder().decode(request.query().get("after")),
                StandardCharsets.UTF_8)) : 0;
        JsonArrayBuilder data = JSON.createArrayBuilder();
        int to = Math.min(templates.size(), from + limit);
        for (int i = from; i < to; i++) {
            data.add(templates.get(i));
        }
        JsonObjectBuilder paging = JSON.createObjectBuilder().add("cursors", JSON.createObjectBuilder()
                .add("before", cursor(from)).add("after", cursor(to)));
        if (to < templates.size()) {
            String fields = request.query().getOrDefault("fields", "");
            paging.add("next", (nextPageBase == null ? baseUrl() : nextPageBase) + "/" + version + "/" + waba + "/message_templates?fields="
                    + fields + "&limit=" + limit + "&after=" + cursor(to));
        }
        json(exchange, 200, JSON.createObjectBuilder().add("data", data).add("paging", paging).build());
    }

    private static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(index).getBytes(StandardCharsets.UTF_8));
    }

    private static void invalid(HttpExchange exchange, String details) throws IOException {
        error(exchange, 400, 100, "(#100) Invalid parameter", "OAuthException", null, details);
    }

    private static void error(HttpExchange exchange, int status, int code, String message, String type, Integer subcode) throws IOException {
        error(exchange, status, code, message, type, subcode, null);
    }

    /** Meta's error body: {"error":{"message","type","code","error_subcode","error_data":{"details"},"fbtrace_id"}}. */
    private static void error(HttpExchange exchange, int status, int code, String message, String type, Integer subcode, String details)
            throws IOException {
        JsonObjectBuilder error = JSON.createObjectBuilder().add("message", message == null ? "error" : message).add("type", type).add("code", code);
        if (subcode != null) {
            error.add("error_subcode", subcode);
        }
        if (details != null) {
            error.add("error_data", JSON.createObjectBuilder().add("messaging_product", "whatsapp").add("details", details));
        }
        error.add("fbtrace_id", "AFakeTrace" + Long.toHexString(System.nanoTime()));
        json(exchange, status, JSON.createObjectBuilder().add("error", error).build());
    }

    private static void json(HttpExchange exchange, int status, JsonObject body) throws IOException {
        StringWriter out = new StringWriter();
        try (var writer = JSON.createWriter(out)) {
            writer.write(body);
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String string(JsonObject object, String key) {
        return object != null && object.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
