package org.relaydesk.e2e;

import java.io.IOException;
import org.relaydesk.testkit.PluginJarBuilder;

/** Plugins the end-to-end tests install, written against plugin-api alone. */
final class ExamplePlugins {
    static final String SHOUT = """
            package example;

            import java.util.List;
            import java.util.Locale;
            import java.util.Map;
            import org.relaydesk.api.workflow.ActionContext;
            import org.relaydesk.api.workflow.ActionFailedException;
            import org.relaydesk.api.workflow.ActionParameter;
            import org.relaydesk.api.workflow.WorkflowAction;

            public class Shout implements WorkflowAction {
                public String id() { return "example.shout"; }
                public String label() { return "Shout (example plugin)"; }
                public List<ActionParameter> parameters() { return List.of(ActionParameter.required("tag", "Tag", ActionParameter.Kind.TEXT)); }
                public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
                    context.addTag(arguments.get("tag"));
                    context.addInternalNote(context.ticket().subject().toUpperCase(Locale.ROOT));
                    try {
                        Class.forName("org.relaydesk.core.ticket.TicketService", false, Shout.class.getClassLoader());
                        context.addTag("core-visible");
                    } catch (ClassNotFoundException expected) {
                        context.addTag("core-hidden");
                    }
                    return "shouted";
                }
            }
            """;
    static final String HANG = """
            package example;

            import java.util.List;
            import java.util.Map;
            import org.relaydesk.api.workflow.ActionContext;
            import org.relaydesk.api.workflow.ActionFailedException;
            import org.relaydesk.api.workflow.ActionParameter;
            import org.relaydesk.api.workflow.WorkflowAction;

            public class Hang implements WorkflowAction {
                public String id() { return "example.hang"; }
                public String label() { return "Hang (example plugin)"; }
                public List<ActionParameter> parameters() { return List.of(); }
                public String run(ActionContext context, Map<String, String> arguments) throws ActionFailedException {
                    context.addTag("never-applied");
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "woke up";
                }
            }
            """;

    /** A channel kind "folder": a drop folder whose *.msg files (header lines, a blank line, the text) become messages. */
    static final String FOLDER = """
            package example;

            import java.io.IOException;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.DirectoryStream;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.time.Duration;
            import java.time.Instant;
            import java.util.ArrayList;
            import java.util.Collections;
            import java.util.List;
            import java.util.Set;
            import org.relaydesk.api.channel.Capability;
            import org.relaydesk.api.channel.ChannelAccount;
            import org.relaydesk.api.channel.ChannelConnector;
            import org.relaydesk.api.channel.ChannelConnectorFactory;
            import org.relaydesk.api.channel.ChannelException;
            import org.relaydesk.api.channel.InboundAttachment;
            import org.relaydesk.api.channel.InboundMessage;
            import org.relaydesk.api.channel.InboundSink;
            import org.relaydesk.api.channel.OutboundMessage;
            import org.relaydesk.api.channel.RawMessage;
            import org.relaydesk.api.channel.SentMessage;
            import org.relaydesk.api.plugin.ConfigField;

            public class FolderChannel implements ChannelConnectorFactory {
                public String kind() { return "folder"; }
                public String name() { return "Drop folder (example)"; }
                public String icon() { return "pi-folder"; }
                public Set<Capability> capabilities() { return Set.of(Capability.INBOUND_POLLING, Capability.OUTBOUND); }
                public List<ConfigField> configFields() {
                    return List.of(ConfigField.required("folder.path", "Folder", ConfigField.Type.TEXT),
                            ConfigField.required("access.token", "Access token", ConfigField.Type.SECRET),
                            ConfigField.optional("poll.seconds", "Check every (seconds)", ConfigField.Type.NUMBER, "1"),
                            ConfigField.optional("sent.path", "Folder for replies", ConfigField.Type.TEXT, null));
                }

                public ChannelConnector create(ChannelAccount account) {
                    Path folder = Path.of(account.get("folder.path"));
                    String token = account.get("access.token");
                    int seconds = account.integer("poll.seconds", 1);
                    String sent = account.get("sent.path");
                    return new ChannelConnector() {
                        public void poll(InboundSink sink) throws ChannelException {
                            if (!"s3cret-token".equals(token)) {
                                throw new ChannelException("the folder refused the access token");
                            }
                            List<Path> files = new ArrayList<>();
                            try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, "*.msg")) {
                                found.forEach(files::add);
                                Collections.sort(files);
                                for (Path file : files) {
                                    byte[] content = Files.readAllBytes(file);
                                    String id = header(new String(content, StandardCharsets.UTF_8), "Id");
                                    sink.accept(new RawMessage(id == null ? file.getFileName().toString() : id, "text/plain", content, Instant.now()));
                                    Files.delete(file); // taken from the folder only once Relaydesk has it
                                }
                            } catch (IOException e) {
                                throw new ChannelException("the folder cannot be read: " + e.getMessage(), e);
                            }
                        }

                        public Duration pollInterval() { return Duration.ofSeconds(seconds); }

                        public SentMessage send(OutboundMessage message) throws ChannelException {
                            if (sent == null) {
                                throw new ChannelException("no folder for replies is set");
                            }
                            String id = "<reply-" + java.util.UUID.randomUUID() + "@folder.test>";
                            String file = "Id: " + id + "\\nTo: " + message.toAddress() + "\\nSubject: [" + message.ticketNumber() + "] " + message.subject()
                                    + "\\nReferences: " + String.join(" ", message.references()) + "\\nAuthor: " + message.authorName() + "\\n\\n" + message.text();
                            try {
                                Path part = Path.of(sent).resolve(System.nanoTime() + ".part");
                                Files.writeString(part, file);
                                Files.move(part, Path.of(sent).resolve(System.nanoTime() + ".sent"));
                            } catch (IOException e) {
                                throw new ChannelException("the reply cannot be written: " + e.getMessage(), e);
                            }
                            return new SentMessage(id);
                        }
                    };
                }

                public InboundMessage parse(RawMessage raw) throws ChannelException {
                    String text = new String(raw.content(), StandardCharsets.UTF_8);
                    int split = text.indexOf("\\n\\n");
                    String head = split < 0 ? text : text.substring(0, split);
                    String from = header(head, "From");
                    if (from == null) {
                        throw new ChannelException("the message has no From line");
                    }
                    String references = header(head, "References");
                    List<InboundAttachment> files = new ArrayList<>();
                    for (String line : head.split("\\n")) {
                        if (line.startsWith("Attachment: ")) {
                            String[] file = line.substring(12).split(";");
                            files.add(new InboundAttachment(file[0], null, java.util.Base64.getDecoder().decode(file[1]), null));
                        }
                    }
                    return new InboundMessage(raw.externalId(), from, header(head, "Name"), header(head, "Subject"),
                            split < 0 ? "" : text.substring(split + 2), null, references == null ? List.of() : List.of(references.split(" ")),
                            raw.receivedAt(), "yes".equals(header(head, "Automatic")), files);
                }

                static String header(String head, String name) {
                    for (String line : head.split("\\n")) {
                        if (line.startsWith(name + ": ")) {
                            return line.substring(name.length() + 2).trim();
                        }
                    }
                    return null;
                }
            }
            """;

    /** An inbound filter: drops "[spam]" subjects, marks the others' subjects as checked. */
    static final String SPAM_FILTER = """
            package example;

            import org.relaydesk.api.channel.InboundMessage;
            import org.relaydesk.api.inbound.FilterResult;
            import org.relaydesk.api.inbound.InboundFilter;
            import org.relaydesk.api.inbound.MessageSource;

            public class SpamFilter implements InboundFilter {
                public String id() {
                    return "spam";
                }

                public int order() {
                    return 10;
                }

                public FilterResult filter(InboundMessage m, MessageSource source) {
                    if (m.subject() != null && m.subject().contains("[spam]")) {
                        return FilterResult.drop("spam words in the subject (" + source.kind() + " account " + source.accountName() + ")");
                    }
                    return FilterResult.keep(new InboundMessage(m.externalId(), m.fromAddress(), m.fromName(), m.subject() + " (checked)", m.text(),
                            m.html(), m.references(), m.sentAt(), m.automatic(), m.attachments(), m.ticketFields()));
                }
            }
            """;

    /** Keeps the host's services the plugin gets when it starts. */
    static final String HOST_KEEPER = """
            package example;

            import java.util.List;
            import org.relaydesk.api.host.HostServices;
            import org.relaydesk.api.host.PluginLifecycle;
            import org.relaydesk.api.plugin.ConfigField;

            public class HostKeeper implements PluginLifecycle {
                static volatile HostServices host;

                public List<ConfigField> settings() {
                    return List.of(ConfigField.optional("greeting", "Greeting", ConfigField.Type.TEXT, "hello"),
                            ConfigField.optional("token", "Token", ConfigField.Type.SECRET, null));
                }

                public void start(HostServices services) {
                    host = services;
                }

                public void stop() {
                    host = null;
                }
            }
            """;

    /**
     * A ticket listener that writes each event as a line to the file (first %s), with what the host's
     * services say: a count kept in the plugin store, the ticket a known message id belongs to, the
     * contact of an address, and the status of an HTTP request to the desk (second %s: its address).
     */
    static final String EVENT_LOG = """
            package example;

            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            import org.relaydesk.api.event.TicketEvent;
            import org.relaydesk.api.event.TicketEventListener;
            import org.relaydesk.api.host.HostServices;
            import org.relaydesk.api.host.HttpClient;

            public class EventLog implements TicketEventListener {
                public void onTicketEvent(TicketEvent e) {
                    HostServices host = HostKeeper.host;
                    try {
                        String count;
                        do {
                            count = host.store().get("events").orElse(null);
                        } while (!host.store().replace("events", count, String.valueOf(count == null ? 1 : Integer.parseInt(count) + 1)));
                        String ref = host.ticketByExternalReference(e.workspaceId(), "<real-1@filter.test>").map(t -> t.number() + "/" + t.status())
                                .orElse("none");
                        String contact = host.contactByIdentity(e.workspaceId(), "email", "RUTH@filter.test").map(c -> c.email()).orElse("none");
                        int http = host.http().send(HttpClient.Call.get("%s/health/live")).status();
                        Files.writeString(Path.of("%s"), e.ticketNumber() + " " + e.action() + " " + e.ticketId() + " ref=" + ref + " contact=" + contact
                                + " http=" + http + " year=" + host.clock().instant().toString().substring(0, 4) + " greeting=" + host.settings().get("greeting")
                                + " token=" + host.settings().getOrDefault("token", "").length() + "\\n", StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                }
            }
            """;

    /**
     * When started, asks the host's HTTP client for each address (first %s: separated by spaces) and
     * the host's network rule for "localhost", and writes what came back, one line each, to the file
     * (second %s).
     */
    static final String HTTP_PROBE = """
            package example;

            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import org.relaydesk.api.host.HostServices;
            import org.relaydesk.api.host.HttpClient;
            import org.relaydesk.api.host.PluginLifecycle;

            public class HttpProbe implements PluginLifecycle {
                public void start(HostServices host) {
                    StringBuilder out = new StringBuilder();
                    for (String url : "%s".split(" ")) {
                        String result;
                        try {
                            result = "status " + host.http().send(HttpClient.Call.get(url)).status();
                        } catch (HttpClient.HttpFailure e) {
                            result = "failed: " + e.getMessage() + (e.getCause() == null ? "" : " caused by " + e.getCause());
                        }
                        out.append(url).append(" -> ").append(result).append('\\n');
                    }
                    try {
                        host.network().resolve("localhost");
                        out.append("resolve localhost -> allowed\\n");
                    } catch (Exception e) {
                        out.append("resolve localhost -> ").append(e.getMessage()).append('\\n');
                    }
                    try {
                        Files.writeString(Path.of("%s"), out.toString(), StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            """;

    private ExamplePlugins() {
    }

    /** inbound-example 1.0.0: the filter SPAM_FILTER and the listener EVENT_LOG writing to {@code eventLog}, asking the desk at {@code desk}. */
    static byte[] inboundExample(java.nio.file.Path eventLog, String desk) throws IOException {
        return new PluginJarBuilder("inbound-example", "1.0.0").manifest("Plugin-Description", "Example filter and listener")
                .manifest("Plugin-Requires", ">=1.1.0 & <2.0.0")
                .source("example.SpamFilter", SPAM_FILTER).source("example.HostKeeper", HOST_KEEPER)
                .source("example.EventLog", String.format(EVENT_LOG, desk, eventLog.toString().replace("\\", "/")))
                .service("org.relaydesk.api.host.PluginLifecycle", "example.HostKeeper")
                .service("org.relaydesk.api.inbound.InboundFilter", "example.SpamFilter")
                .service("org.relaydesk.api.event.TicketEventListener", "example.EventLog").build();
    }

    /** action-example 1.0.0: the workflow actions example.shout (tags, notes the subject in capitals) and example.hang (never answers). */
    static byte[] actionExample() throws IOException {
        return new PluginJarBuilder("action-example", "1.0.0").manifest("Plugin-Description", "Example workflow actions")
                .source("example.Shout", SHOUT).source("example.Hang", HANG)
                .service("org.relaydesk.api.workflow.WorkflowAction", "example.Shout").service("org.relaydesk.api.workflow.WorkflowAction", "example.Hang")
                .build();
    }

    /** channel-folder 1.0.0: the channel kind "folder" (see FOLDER). */
    static byte[] channelFolder() throws IOException {
        return new PluginJarBuilder("channel-folder", "1.0.0").manifest("Plugin-Description", "Messages from a drop folder")
                .source("example.FolderChannel", FOLDER).service("org.relaydesk.api.channel.ChannelConnectorFactory", "example.FolderChannel").build();
    }

    /** http-probe 1.0.0: HTTP_PROBE asking for {@code urls} when it starts, writing to {@code results}. */
    static byte[] httpProbe(java.util.List<String> urls, java.nio.file.Path results) throws IOException {
        return new PluginJarBuilder("http-probe", "1.0.0").manifest("Plugin-Description", "Asks the host's HTTP client for addresses")
                .manifest("Plugin-Requires", ">=1.2.0 & <2.0.0")
                .source("example.HttpProbe", String.format(HTTP_PROBE, String.join(" ", urls), results.toString().replace("\\", "/")))
                .service("org.relaydesk.api.host.PluginLifecycle", "example.HttpProbe").build();
    }
}
