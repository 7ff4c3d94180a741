package org.relaydesk.web.incontainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relaydesk.testkit.PluginJarBuilder;

/**
 * A messaging channel plugin for the in-container tests, built as a third party would (sources
 * against plugin-api alone): kind "testmsg", WhatsApp addresses, a 24-hour conversation window,
 * templates, and a webhook that stores what it receives in the host's inbox. Its stored messages are
 * lines: "msg|wa_id|name|text|reference|wamid[|sent at, epoch ms]", "status|sent id|SENT/DELIVERED/READ/FAILED|detail" or
 * "changed|old wa_id|new wa_id|wamid" (the provider's notice of a changed number). What it sends is
 * recorded in system properties ("testmsg.sent.<n>": "account|to|template|id|text|choice titles|reply to")
 * for the test to read (one JVM); a text containing "#window" is refused by the "provider" as outside
 * the window, "#busy" as a passing failure. A second kind, "testmsg-rich", also shows buttons and lists. Reading a
 * message with "#flaky" fails as a passing failure while the system property "testmsg.flaky" is set, and
 * with "#slow" it waits while "testmsg.slow" is set (a worker busy fetching media).
 */
final class MessagingTestPlugin {
    static final String ID = "channel-testmsg";
    static final String KIND = "testmsg";
    static final String RICH_KIND = "testmsg-rich";

    private MessagingTestPlugin() {
    }

    /** Writes the plugin's jar into a new plugins folder and returns the folder. */
    static Path folder() throws IOException {
        Path folder = Files.createTempDirectory("relaydesk-it-plugins");
        byte[] jar = new PluginJarBuilder(ID, "1.0.0").manifest("Plugin-Requires", ">=1.3.0 & <2.0.0")
                .source("testmsg.Factory", FACTORY).service("org.relaydesk.api.channel.ChannelConnectorFactory", "testmsg.Factory")
                .source("testmsg.RichFactory", RICH_FACTORY).service("org.relaydesk.api.channel.ChannelConnectorFactory", "testmsg.RichFactory").build();
        Files.write(folder.resolve(ID + "-1.0.0.jar"), jar);
        return folder;
    }

    private static final String FACTORY = """
            package testmsg;

            import java.nio.charset.StandardCharsets;
            import java.time.Duration;
            import java.time.Instant;
            import java.util.List;
            import java.util.Optional;
            import java.util.Set;
            import org.relaydesk.api.channel.*;
            import org.relaydesk.api.plugin.ConfigField;

            public class Factory implements ChannelConnectorFactory {
                public String kind() { return "testmsg"; }
                public String name() { return "Test messenger"; }
                public String icon() { return "pi-comments"; }
                public Set<Capability> capabilities() {
                    return Set.of(Capability.MESSAGING, Capability.OUTBOUND, Capability.TEMPLATES, Capability.INBOUND_HTTP);
                }
                public List<ConfigField> configFields() {
                    return List.of(ConfigField.optional("number", "Number", ConfigField.Type.TEXT, null));
                }
                public AddressKind addressKind() { return AddressKind.WHATSAPP; }
                public Optional<ConversationWindow> conversationWindow() {
                    return Optional.of(new ConversationWindow(Duration.ofHours(24), "the 24-hour customer service window",
                            "an approved template can restart the conversation"));
                }
                public ChannelConnector create(ChannelAccount account) {
                    return new ChannelConnector() {
                        public SentMessage send(OutboundMessage message) throws ChannelException {
                            String text = message.text() == null ? "" : message.text();
                            if (text.contains("#window")) {
                                throw new ChannelException(ChannelException.Failure.WINDOW_CLOSED, "131047 Re-engagement message", null);
                            }
                            if (text.contains("#busy")) {
                                throw new ChannelException(ChannelException.Failure.RATE_LIMITED, "slow down", null);
                            }
                            synchronized (Factory.class) {
                                int n = Integer.getInteger("testmsg.sent.count", 0) + 1;
                                System.setProperty("testmsg.sent.count", Integer.toString(n));
                                String id = "wamid.sent." + n + "." + System.nanoTime();
                                // "#parts": sent as two messages (a text and a file), as WhatsApp sends a reply with files
                                List<String> parts = text.contains("#parts") ? List.of(id, id + ".file") : List.of(id);
                                System.setProperty("testmsg.sent." + n, account.name() + "|" + message.toAddress() + "|"
                                        + (message.template() == null ? "" : message.template().name() + ":" + message.template().values()) + "|" + id + "|" + text
                                        + "|" + (message.choices() == null ? "" : message.choices().choices().stream().map(InteractiveChoices.Choice::title).toList())
                                        + "|" + (message.replyTo() == null ? "" : message.replyTo()));
                                return new SentMessage(id, parts);
                            }
                        }

                        public List<MessageTemplate> templates() {
                            return List.of(
                                    new MessageTemplate("order_update", "en_US", "UTILITY", MessageTemplate.Approval.APPROVED, null,
                                            "Hello {{1}}, your order {{2}} has shipped.", "Reply STOP to opt out", List.of(),
                                            List.of(new MessageTemplate.Variable("body.1", "Customer name", "Ann"),
                                                    new MessageTemplate.Variable("body.2", "Order number", "A-1")), null),
                                    new MessageTemplate("summer_sale", "en_US", "MARKETING", MessageTemplate.Approval.REJECTED, null,
                                            "Sale!", null, List.of(), List.of(), "Promotional content in a utility template"));
                        }

                        public HttpResponse handle(HttpRequest request, HttpChannelContext context) throws ChannelException {
                            String body = new String(request.body(), StandardCharsets.UTF_8);
                            String[] parts = body.split("\\\\|", -1);
                            String id = parts[0].equals("msg") ? parts[5] : parts[0].equals("status") ? "status:" + parts[1] + ":" + parts[2]
                                    : parts[0].equals("changed") ? parts[3] : "event:" + body.hashCode();
                            boolean stored = context.inbox().accept(new RawMessage(id, "text/plain", request.body(), Instant.now()));
                            return HttpResponse.text(200, stored ? "stored" : "duplicate");
                        }
                    };
                }
                public InboundMessage parse(RawMessage raw) throws ChannelException {
                    return read(raw); // what the host peeks at to learn the sender: nothing waits or fails here
                }
                public InboundMessage parse(RawMessage raw, ChannelAccount account, org.relaydesk.api.host.HostServices host) throws ChannelException {
                    if (account == null || account.id() == null || host == null) {
                        throw new ChannelException("no account or host services");
                    }
                    String text = new String(raw.content(), StandardCharsets.UTF_8);
                    if (text.contains("#flaky") && System.getProperty("testmsg.flaky") != null) {
                        throw new ChannelException(ChannelException.Failure.UNREACHABLE, "media server unreachable", null);
                    }
                    if (text.contains("#slow")) {
                        long until = System.nanoTime() + 60_000_000_000L;
                        while (System.getProperty("testmsg.slow") != null && System.nanoTime() < until) {
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new ChannelException("interrupted while fetching media", e);
                            }
                        }
                    }
                    return read(raw);
                }
                private static InboundMessage read(RawMessage raw) {
                    String[] parts = new String(raw.content(), StandardCharsets.UTF_8).split("\\\\|", -1);
                    if (parts[0].equals("status")) {
                        return InboundMessage.receiptOnly(raw.externalId(), "whatsapp", raw.receivedAt(),
                                new DeliveryReceipt(parts[1], DeliveryReceipt.Status.valueOf(parts[2]), parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null));
                    }
                    if (parts[0].equals("changed")) {
                        return InboundMessage.addressChanged(raw.externalId(), parts[1], parts[2], raw.receivedAt(),
                                "[Test: the customer changed from " + parts[1] + " to " + parts[2] + "]");
                    }
                    if (parts[0].equals("event")) {
                        return new InboundMessage(raw.externalId(), "whatsapp", null, null, parts[1], null, List.of(), raw.receivedAt(), true, List.of());
                    }
                    List<String> references = parts.length > 4 && !parts[4].isEmpty() ? List.of(parts[4]) : List.of();
                    Instant sent = parts.length > 6 && !parts[6].isEmpty() ? Instant.ofEpochMilli(Long.parseLong(parts[6])) : raw.receivedAt();
                    return new InboundMessage(raw.externalId(), parts[1], parts[2], null, parts[3], null, references, sent, false, List.of());
                }
            }
            """;

    private static final String RICH_FACTORY = """
            package testmsg;

            import java.util.Set;
            import org.relaydesk.api.channel.Capability;

            public class RichFactory extends Factory {
                public String kind() { return "testmsg-rich"; }
                public String name() { return "Rich test messenger"; }
                public Set<Capability> capabilities() {
                    return Set.of(Capability.MESSAGING, Capability.OUTBOUND, Capability.TEMPLATES, Capability.INBOUND_HTTP, Capability.INTERACTIVE);
                }
            }
            """;
}
