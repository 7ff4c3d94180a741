package org.relaydesk.plugin.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relaydesk.plugin.whatsapp.Fixture.CHANNEL;
import static org.relaydesk.plugin.whatsapp.Fixture.HOST;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.ChannelException.Failure;
import org.relaydesk.api.channel.InteractiveChoices;
import org.relaydesk.api.channel.InteractiveChoices.Choice;
import org.relaydesk.api.channel.OutboundAttachment;
import org.relaydesk.api.channel.OutboundMessage;
import org.relaydesk.api.channel.SentMessage;
import org.relaydesk.api.channel.TemplateMessage;
import org.relaydesk.api.host.HttpClient;
import org.relaydesk.plugin.whatsapp.fake.FakeGraphApi;

/**
 * Replies sent to the fake Graph API: each kind of message leaves in the shape of Meta's own request
 * examples, the wamid Meta gives back is the sent message's id, and Meta's errors become failures
 * that say whether trying again can help.
 */
class SendTest {
    private static final String CUSTOMER = "972987654321";
    private FakeGraphApi graph;
    private ChannelConnector number;

    @BeforeEach
    void start() throws Exception {
        graph = FakeGraphApi.start(Fixture.ACCESS_TOKEN);
        number = CHANNEL.create(Fixture.account(graph), HOST);
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private static JsonObject example(String name) throws Exception {
        return Json.object(Files.readAllBytes(Path.of(SendTest.class.getResource("/corpus/meta-openapi/" + name).toURI())));
    }

    /** The object's member paths, array elements merged ("interactive.action.buttons[].reply.id"): its shape without its values. */
    static Set<String> shape(JsonValue value) {
        Set<String> paths = new TreeSet<>();
        shape(value, "", paths);
        return paths;
    }

    private static void shape(JsonValue value, String prefix, Set<String> paths) {
        if (value instanceof JsonObject object) {
            object.forEach((key, member) -> {
                String path = prefix.isEmpty() ? key : prefix + "." + key;
                paths.add(path);
                shape(member, path, paths);
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(element -> shape(element, prefix + "[]", paths));
        }
    }

    private static OutboundMessage reply(String text, List<OutboundAttachment> files, InteractiveChoices choices, TemplateMessage template,
            String replyTo) {
        return new OutboundMessage("#1001", CUSTOMER, "Test Name", null, text, null, List.of(), "Alice Agent", null, files, choices, template, replyTo);
    }

    private JsonObject onlySent() {
        assertThat(graph.sentMessages()).hasSize(1);
        return graph.sentMessages().get(0);
    }

    @Test
    void aTextLeavesAsMetasTextRequestAndItsWamidIsTheSentId() throws Exception {
        SentMessage sent = number.send(reply("text-message-content", List.of(), null, null, null));
        JsonObject body = onlySent();
        assertThat(shape(body)).isEqualTo(shape(example("outbound_requests/messages__send_text_message.json")));
        assertThat(body.getString("to")).isEqualTo(CUSTOMER);
        assertThat(body.getJsonObject("text").getBoolean("preview_url")).isFalse();
        assertThat(sent.externalId()).startsWith("wamid.");
        assertThat(graph.requests("/messages").get(0).header("Authorization")).isEqualTo("Bearer " + Fixture.ACCESS_TOKEN);
        assertThat(graph.requests("/messages").get(0).path()).isEqualTo("/v23.0/" + Fixture.PHONE_NUMBER_ID + "/messages");
    }

    @Test
    void aLinkIsPreviewedAndAReplyQuotesTheCustomersMessage() throws Exception {
        number.send(reply("Please visit https://youtu.be/hpltvTEiRrY.", List.of(), null, null, null));
        assertThat(shape(onlySent())).containsAll(shape(example("outbound_requests/messages__send_text_message_with_preview_url.json")));
        assertThat(onlySent().getJsonObject("text").getBoolean("preview_url")).isTrue();
        graph.clearRequests();
        number.send(reply("<TEXT_MSG_CONTENT>", List.of(), null, null, "wamid.customer-1"));
        assertThat(shape(onlySent())).isEqualTo(shape(example("outbound_requests/messages__send_reply_to_text_message.json")));
        assertThat(onlySent().getJsonObject("context").getString("message_id")).isEqualTo("wamid.customer-1");
    }

    @Test
    void filesAreUploadedThenSentByIdWithTheTextAsCaption() throws Exception {
        byte[] pdf = "%PDF-1.7 invoice".getBytes(StandardCharsets.UTF_8);
        number.send(reply("Your invoice", List.of(new OutboundAttachment("invoice.pdf", "application/pdf", pdf)), null, null, null));
        FakeGraphApi.Request upload = graph.requests("/media").get(0);
        assertThat(upload.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        JsonObject document = onlySent();
        assertThat(shape(document)).isEqualTo(shape(example("outbound_requests/messages__send_document_message_by_id.json")));
        assertThat(document.getJsonObject("document").getString("caption")).isEqualTo("Your invoice");
        assertThat(document.getJsonObject("document").getString("filename")).isEqualTo("invoice.pdf");
        FakeGraphApi.Media stored = graph.media(document.getJsonObject("document").getString("id"));
        assertThat(stored.bytes()).isEqualTo(pdf);
        assertThat(stored.mimeType()).isEqualTo("application/pdf");

        graph.clearRequests();
        SentMessage sent = number.send(reply("Listen to this", List.of(new OutboundAttachment("note.ogg", "audio/ogg", new byte[] {1, 2, 3}),
                new OutboundAttachment("photo.jpg", "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8})), null, null, "wamid.customer-2"));
        List<JsonObject> messages = graph.sentMessages();
        assertThat(messages).extracting(m -> m.getString("type")).containsExactly("text", "audio", "image");
        assertThat(messages.get(0).getJsonObject("context").getString("message_id")).as("the text answers the customer").isEqualTo("wamid.customer-2");
        assertThat(shape(messages.get(1))).isEqualTo(shape(example("outbound_requests/messages__send_audio_message_by_id.json")));
        assertThat(shape(messages.get(2))).isEqualTo(shape(example("outbound_requests/messages__send_image_message_by_id.json")));
        assertThat(graph.requests("/media")).as("every file uploaded before the first message").hasSize(2);
        assertThat(graph.requests().get(0).path()).endsWith("/media");
        assertThat(graph.requests().get(1).path()).endsWith("/media");
        List<String> wamids = graph.accepted().stream().map(FakeGraphApi.Accepted::wamid).toList().subList(graph.accepted().size() - 3,
                graph.accepted().size());
        assertThat(sent.externalId()).as("the message with the agent's words").isEqualTo(wamids.get(0));
        assertThat(sent.parts()).as("every message sent for the reply (text, audio, image), so each one's receipts reach it")
                .containsExactlyElementsOf(wamids);
    }

    @Test
    void buttonsAndListsLeaveAsMetasInteractiveMessages() throws Exception {
        number.send(reply("<BUTTON_TEXT>", List.of(), new InteractiveChoices(null, null, null, List.of(new Choice("yes", "Yes", null, null),
                new Choice("no", "No", null, null))), null, null));
        assertThat(shape(onlySent())).isEqualTo(shape(example("outbound_requests/messages__send_reply_button.json")));
        graph.clearRequests();
        number.send(reply("<BODY_TEXT>", List.of(), new InteractiveChoices("<HEADER_TEXT>", "<FOOTER_TEXT>", "Choose", List.of(
                new Choice("s1", "Shipping", "Where is my parcel", "Orders"), new Choice("s2", "Returns", "Send it back", "Orders"),
                new Choice("b1", "Invoice", "A copy of the invoice", "Billing"))), null, null));
        JsonObject list = onlySent();
        assertThat(shape(list)).isEqualTo(shape(example("outbound_requests/messages__send_list_message.json")));
        JsonArray sections = list.getJsonObject("interactive").getJsonObject("action").getJsonArray("sections");
        assertThat(sections).hasSize(2);
        assertThat(sections.getJsonObject(0).getString("title")).isEqualTo("Orders");
        assertThat(sections.getJsonObject(0).getJsonArray("rows")).hasSize(2);
    }

    @Test
    void whatWhatsAppWouldRefuseIsRefusedForGoodBeforeAnythingLeaves() {
        List<Choice> four = List.of(new Choice("1", "One", null, null), new Choice("2", "Two", null, null), new Choice("3", "Three", null, null),
                new Choice("4", "Four", null, null));
        assertRefused(reply("Pick", List.of(), new InteractiveChoices(null, null, null, four), null, null), "at most 3 quick-reply buttons");
        assertRefused(reply("Pick", List.of(), new InteractiveChoices(null, null, null, List.of(new Choice("1", "A title far too long", null, null),
                new Choice("2", "x".repeat(21), null, null))), null, null), "longer than WhatsApp's 20 characters");
        assertRefused(reply("Pick", List.of(), new InteractiveChoices(null, null, "Open", List.of(new Choice("1", "x".repeat(25), null, null))), null,
                null), "longer than WhatsApp's 24 characters");
        assertRefused(reply("Pick", List.of(), new InteractiveChoices(null, null, "Open", List.of(new Choice("1", "ok", "d".repeat(73), null))), null,
                null), "72");
        List<Choice> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new Choice("r" + i, "Row " + i, null, null));
        }
        assertRefused(reply("Pick", List.of(), new InteractiveChoices(null, null, "Open", eleven), null, null), "at most 10 choices");
        assertRefused(reply("x".repeat(4097), List.of(), null, null, null), "4096");
        assertRefused(reply("  ", List.of(), null, null, null), "no text");
        assertRefused(new OutboundMessage("#1", "carla@customer.test", null, null, "hi", null, List.of(), null), "is not a WhatsApp number");
        assertRefused(reply(null, List.of(), null, new TemplateMessage("order_update", "en_US", Map.of("footer.1", "x")), null), "footer.1");
        assertThat(graph.requests()).as("nothing reached WhatsApp").isEmpty();
    }

    private void assertRefused(OutboundMessage message, String why) {
        assertThatThrownBy(() -> number.send(message)).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains(why);
        });
    }

    @Test
    void aTemplateCarriesItsVariablesByPositionNameAndButton() throws Exception {
        number.send(reply("Hi Ann", List.of(), null, new TemplateMessage("template-name", "language-and-locale-code", Map.of("body.1", "text-string")),
                null));
        assertThat(shape(example("outbound_requests/messages__send_message_template_text.json"))).containsAll(shape(onlySent()));
        graph.clearRequests();
        number.send(reply(null, List.of(), null, new TemplateMessage("order_update", "en_US", Map.of("header.1", "#1001", "body.2", "Tuesday",
                "body.10", "tenth", "body.1", "Ann", "button.0.1", "track/1001")), "wamid.old"));
        JsonObject template = onlySent().getJsonObject("template");
        assertThat(template.getString("name")).isEqualTo("order_update");
        assertThat(template.getJsonObject("language").getString("code")).isEqualTo("en_US");
        assertThat(Json.write(template.getJsonArray("components"))).isEqualTo("[{\"type\":\"header\",\"parameters\":[{\"type\":\"text\",\"text\":\"#1001\"}]},"
                + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ann\"},{\"type\":\"text\",\"text\":\"Tuesday\"},"
                + "{\"type\":\"text\",\"text\":\"tenth\"}]},"
                + "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\",\"parameters\":[{\"type\":\"text\",\"text\":\"track/1001\"}]}]");
        graph.clearRequests();
        number.send(reply(null, List.of(), null, new TemplateMessage("welcome", "en", Map.of("body.customer_name", "Ann")), null));
        assertThat(Json.write(onlySent().getJsonObject("template").getJsonArray("components")))
                .isEqualTo("[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"parameter_name\":\"customer_name\",\"text\":\"Ann\"}]}]");
    }

    @Test
    void aClosedWindowAndAnOptOutAreNotRetried() throws Exception {
        graph.closeWindow(CUSTOMER);
        assertThatThrownBy(() -> number.send(reply("Still there?", List.of(), null, null, null))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.WINDOW_CLOSED);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("131047", "Re-engagement message", "more than 24 hours");
        });
        assertThat(number.send(reply("Hi", List.of(), null, new TemplateMessage("hello", "en", Map.of()), null)).externalId())
                .as("a template still goes").startsWith("wamid.");
        graph.optOut(CUSTOMER);
        assertThatThrownBy(() -> number.send(reply("Hi", List.of(), null, new TemplateMessage("hello", "en", Map.of()), null)))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.failure()).isEqualTo(Failure.OPTED_OUT));
    }

    @Test
    void metasErrorCodesMapToWhetherARetryCanHelp() throws Exception {
        Map<Integer, Failure> codes = new java.util.LinkedHashMap<>();
        for (int code : new int[] {4, 80007, 130429, 131048, 131056, 131049}) {
            codes.put(code, Failure.RATE_LIMITED);
        }
        for (int code : new int[] {0, 10, 190, 200, 299}) {
            codes.put(code, Failure.SIGN_IN_REFUSED);
        }
        for (int code : new int[] {100, 131008, 131009, 131021, 131026, 131051, 132000, 132001, 132016, 133010, 131031}) {
            codes.put(code, Failure.REFUSED);
        }
        for (int code : new int[] {1, 2, 131000, 131016}) {
            codes.put(code, Failure.OTHER);
        }
        codes.put(131047, Failure.WINDOW_CLOSED);
        codes.put(131050, Failure.OPTED_OUT);
        for (Map.Entry<Integer, Failure> code : codes.entrySet()) {
            int status = code.getValue() == Failure.OTHER ? 500 : code.getValue() == Failure.SIGN_IN_REFUSED ? 401 : 400;
            graph.failNext(1, status, code.getKey(), "scripted " + code.getKey());
            assertThatThrownBy(() -> number.send(reply("Hello", List.of(), null, null, null))).as("code " + code.getKey())
                    .isInstanceOfSatisfying(ChannelException.class, e -> {
                        assertThat(e.failure()).as("code " + code.getKey()).isEqualTo(code.getValue());
                        assertThat(e.getMessage()).contains("(#" + code.getKey() + ") scripted " + code.getKey(), "fbtrace_id");
                    });
        }
        assertThat(number.send(reply("Hello", List.of(), null, null, null)).externalId()).as("after the failures, a send passes").startsWith("wamid.");
    }

    @Test
    void aWrongTokenAnUnreachableApiAndASlowOneFailRetryably() throws Exception {
        var wrongToken = new java.util.HashMap<>(Fixture.account(graph).config());
        wrongToken.put("access_token", "EAAG-revoked");
        ChannelConnector revoked = CHANNEL.create(new org.relaydesk.api.channel.ChannelAccount(java.util.UUID.randomUUID(), "whatsapp", "x", wrongToken),
                HOST);
        assertThatThrownBy(() -> revoked.send(reply("Hello", List.of(), null, null, null))).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.SIGN_IN_REFUSED));
        ChannelConnector away = CHANNEL.create(Fixture.account("http://127.0.0.1:" + CorpusTest.freePort(), Fixture.PHONE_NUMBER_ID), HOST);
        assertThatThrownBy(() -> away.send(reply("Hello", List.of(), null, null, null))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE);
            assertThat(e.retryable()).isTrue();
        });
        // a slow API: the call's own time limit ends it (the host's guard limits the whole send too)
        List<HttpClient.Call> calls = new ArrayList<>();
        HttpClient recording = call -> {
            calls.add(call);
            return HOST.http().send(call);
        };
        Sender slow = new Sender(new Graph(WhatsAppSettings.of(Fixture.account(graph)), recording, Duration.ofMillis(300), Duration.ofMillis(300)));
        graph.delayNext(1, Duration.ofSeconds(2));
        long started = System.nanoTime();
        assertThatThrownBy(() -> slow.send(reply("Hello", List.of(), null, null, null))).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        new Sender(new Graph(WhatsAppSettings.of(Fixture.account(graph)), recording)).send(reply("Hello", List.of(
                new OutboundAttachment("a.pdf", "application/pdf", new byte[] {1})), null, null, null));
        assertThat(calls).allSatisfy(call -> assertThat(call.timeout()).isNotNull().isLessThanOrEqualTo(HttpClient.LONGEST));
    }

    @Test
    void metasExampleAnswersReadBack() throws Exception {
        Path answers = Path.of(SendTest.class.getResource("/corpus/meta-openapi/outbound_responses").toURI());
        int messages = 0;
        int uploads = 0;
        try (Stream<Path> files = Files.list(answers)) {
            for (Path file : files.sorted().toList()) {
                JsonObject answer = Json.object(Files.readAllBytes(file));
                if (file.getFileName().toString().contains("typing_indicator")) {
                    assertThat(answer.getBoolean("success")).as("a read receipt sends no message").isTrue();
                } else if (file.getFileName().toString().startsWith("messages__")) {
                    assertThat(Sender.messageId(answer)).as(file.getFileName().toString()).startsWith("wamid.");
                    messages++;
                } else {
                    assertThat(Sender.mediaId(answer)).as(file.getFileName().toString()).isNotBlank();
                    uploads++;
                }
            }
        }
        assertThat(messages).isEqualTo(43);
        assertThat(uploads).isEqualTo(5);
    }
}
