package org.relaydesk.plugin.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relaydesk.plugin.whatsapp.Fixture.APP_SECRET;
import static org.relaydesk.plugin.whatsapp.Fixture.CHANNEL;
import static org.relaydesk.plugin.whatsapp.Fixture.HOST;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.DeliveryReceipt;
import org.relaydesk.api.channel.HttpResponse;
import org.relaydesk.api.channel.InboundMessage;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.plugin.whatsapp.fake.FakeGraphApi;

/**
 * Every inbound webhook of the corpus (pywa's fixtures and Meta's own examples) replayed, signed,
 * through the webhook into an inbox, then each stored item read as the host's worker reads it,
 * media fetched from the fake Graph API: what an agent would see, per kind of message.
 */
class CorpusTest {
    private static final Path CORPUS = corpusRoot();
    private static FakeGraphApi graph;

    @BeforeAll
    static void startGraph() throws Exception {
        graph = FakeGraphApi.start(Fixture.ACCESS_TOKEN);
    }

    @AfterAll
    static void stopGraph() {
        graph.close();
    }

    private static Path corpusRoot() {
        try {
            return Path.of(CorpusTest.class.getResource("/corpus").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> webhooks() throws Exception {
        List<String> files = new ArrayList<>();
        for (String folder : List.of("pywa/tests/data/updates", "meta-openapi/webhooks")) {
            try (Stream<Path> list = Files.list(CORPUS.resolve(folder))) {
                list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> files.add(folder + "/" + p.getFileName()));
            }
        }
        assertThat(files).hasSize(74 + 16);
        return files.stream();
    }

    /** A webhook replayed to the account of its own number: what was stored and what each stored item reads as. */
    record Replay(HttpResponse answer, List<RawMessage> stored, List<InboundMessage> read, HttpResponse again) {
        InboundMessage only() {
            assertThat(read).hasSize(1);
            return read.get(0);
        }
    }

    static Replay replay(String file) throws Exception {
        byte[] body = Files.readAllBytes(CORPUS.resolve(file));
        // two of pywa's fixtures keep Meta's documentation placeholder for the number's id: given a real one
        body = new String(body, StandardCharsets.UTF_8).replace("<BUSINESS_PHONE_NUMBER_ID>", Fixture.PHONE_NUMBER_ID)
                .getBytes(StandardCharsets.UTF_8);
        JsonObject notification = Json.object(body);
        String number = Fixture.PHONE_NUMBER_ID;
        for (JsonObject entry : Json.objects(notification, "entry")) {
            for (JsonObject change : Json.objects(entry, "changes")) {
                String id = Json.text(Json.obj(Json.obj(change, "value"), "metadata"), "phone_number_id");
                number = id != null ? id : number;
                for (JsonObject message : Json.objects(Json.obj(change, "value"), "messages")) {
                    media(message);
                }
            }
        }
        ChannelAccount account = Fixture.account(graph.baseUrl(), number);
        Fixture.Context context = new Fixture.Context();
        var webhook = CHANNEL.create(account, HOST);
        HttpResponse answer = webhook.handle(Fixture.signedPost(body, APP_SECRET), context);
        List<InboundMessage> read = new ArrayList<>();
        for (RawMessage raw : context.sink.accepted()) {
            read.add(CHANNEL.parse(raw, account, HOST));
        }
        HttpResponse again = webhook.handle(Fixture.signedPost(body, APP_SECRET), context);
        return new Replay(answer, context.sink.accepted(), read, again);
    }

    /** The customer's files as WhatsApp would hold them: bytes of their own per media id. */
    private static void media(JsonObject message) {
        for (String type : List.of("image", "video", "audio", "document", "sticker")) {
            JsonObject media = Json.obj(message, type);
            if (media != null && Json.text(media, "id") != null) {
                String id = Json.text(media, "id");
                graph.addMedia(id, Json.text(media, "mime_type") == null ? "application/octet-stream" : Json.text(media, "mime_type"),
                        ("bytes of " + type + " " + id).getBytes(StandardCharsets.UTF_8));
            }
        }
        JsonObject edit = Json.obj(message, "edit");
        if (edit != null && Json.obj(edit, "message") != null) {
            media(Json.obj(edit, "message"));
        }
    }

    /** What the webhook must store: one item per message and status, one per other change. */
    private static int expectedItems(String file) throws Exception {
        JsonObject notification = Json.object(Files.readAllBytes(CORPUS.resolve(file)));
        int count = 0;
        for (JsonObject entry : Json.objects(notification, "entry")) {
            for (JsonObject change : Json.objects(entry, "changes")) {
                JsonObject value = Json.obj(change, "value");
                int items = "messages".equals(Json.text(change, "field")) ? Json.objects(value, "messages").size() + Json.objects(value, "statuses").size()
                        : 0;
                count += items == 0 ? 1 : items;
            }
        }
        return count;
    }

    @ParameterizedTest
    @MethodSource("webhooks")
    void everyWebhookIsStoredOnceAndReadsBackWithoutLoss(String file) throws Exception {
        Replay replay = replay(file);
        assertThat(replay.answer().status()).isEqualTo(200);
        assertThat(replay.stored()).hasSize(expectedItems(file));
        assertThat(Json.object(replay.again().body()).getInt("stored")).as("Meta's retry stores nothing new").isZero();
        for (int i = 0; i < replay.read().size(); i++) {
            InboundMessage message = replay.read().get(i);
            RawMessage raw = replay.stored().get(i);
            JsonObject item = Json.object(raw.content());
            assertThat(message.externalId()).isEqualTo(raw.externalId());
            if (Json.obj(item, "message") != null) {
                JsonObject sent = Json.obj(item, "message");
                assertThat(message.fromAddress()).isEqualTo(Json.text(sent, "from"));
                assertThat(message.isReceiptOnly()).isFalse();
                assertThat(message.text() != null && !message.text().isBlank() || !message.attachments().isEmpty())
                        .as("%s: an agent sees something: %s", file, message.text()).isTrue();
                assertThat(message.text()).as(file).doesNotContain("could not be fetched", "no longer available");
            } else if (Json.obj(item, "status") != null) {
                assertThat(message.isReceiptOnly()).isTrue();
                assertThat(message.receipt().sentId()).isEqualTo(Json.text(Json.obj(item, "status"), "id"));
            } else {
                assertThat(message.automatic()).isTrue();
                assertThat(message.fromAddress()).isEqualTo("whatsapp");
                assertThat(message.text()).isNotBlank();
            }
        }
    }

    private static InboundMessage pywa(String name) throws Exception {
        return replay("pywa/tests/data/updates/" + name + ".json").only();
    }

    private static InboundMessage meta(String name) throws Exception {
        return replay("meta-openapi/webhooks/" + name + ".json").only();
    }

    @Test
    void textRepliesAndForwardsReadAsTheCustomerWroteThem() throws Exception {
        InboundMessage text = pywa("message__text");
        assertThat(text.fromAddress()).isEqualTo("972987654321");
        assertThat(text.fromName()).isEqualTo("Test Name");
        assertThat(text.text()).isEqualTo("Body Text");
        assertThat(text.sentAt()).isEqualTo(java.time.Instant.ofEpochSecond(1697043223));
        assertThat(text.automatic()).isFalse();
        assertThat(text.references()).isEmpty();
        InboundMessage reply = pywa("message__reply");
        assertThat(reply.text()).isEqualTo("replied text");
        assertThat(reply.references()).containsExactly("wamid.xyzxyz==");
        assertThat(pywa("message__forwarded").text()).isEqualTo("[Forwarded]\nforwarded text");
        assertThat(pywa("message__forwarded_many_times").text()).isEqualTo("[Forwarded many times]\ntext forwarded many times");
        InboundMessage ad = pywa("message__referral");
        assertThat(ad.text()).isEqualTo("BODY\n[Came from ad or post: AD_TITLE — AD_DESCRIPTION AD_OR_POST_FB_URL]");
        assertThat(meta("text_message_from_click_to_whatsapp_ad").text()).contains("[Came from ");
        assertThat(meta("text_message_with_context_product_inquiry").text()).contains("[About product ");
    }

    @Test
    void mediaArrivesAsFilesWithTheirCaptions() throws Exception {
        InboundMessage image = pywa("message__image");
        assertThat(image.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("whatsapp-image-65463453.jpg");
            assertThat(a.contentType()).isEqualTo("image/jpeg");
            assertThat(new String(a.content(), StandardCharsets.UTF_8)).isEqualTo("bytes of image 65463453");
        });
        InboundMessage document = pywa("message__document");
        assertThat(document.text()).isEqualTo("[Forwarded]\ncaption");
        assertThat(document.attachments()).singleElement().satisfies(a -> assertThat(a.filename()).isEqualTo("filename.pdf"));
        assertThat(pywa("message__video").attachments()).singleElement().satisfies(a -> assertThat(a.contentType()).isEqualTo("video/mp4"));
        assertThat(pywa("message__voice").attachments()).singleElement()
                .satisfies(a -> assertThat(a.filename()).isEqualTo("whatsapp-voice-message-1234567890987654321.ogg"));
        assertThat(pywa("message__audio").attachments()).singleElement()
                .satisfies(a -> assertThat(a.filename()).isEqualTo("whatsapp-audio-1234567890987654321.ogg"));
        assertThat(pywa("message__static_sticker").attachments()).singleElement()
                .satisfies(a -> assertThat(a.filename()).endsWith(".webp"));
        assertThat(pywa("message__animated_sticker").attachments()).hasSize(1);
        assertThat(pywa("message__media_with_url").attachments()).hasSize(1);
        assertThat(meta("image_message").attachments()).hasSize(1);
        InboundMessage edited = pywa("edited_message__image");
        assertThat(edited.text()).isEqualTo("[Edited an earlier message]\nUpdated image caption");
        assertThat(edited.references()).containsExactly("wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=");
        assertThat(edited.attachments()).hasSize(1);
    }

    @Test
    void locationsContactsOrdersAndChoicesReadAsText() throws Exception {
        assertThat(pywa("message__chosen_location").text()).isEqualTo("[Forwarded]\n📍 Facebook HQ, 1 Hacker Way, Menlo Park, CA 94025 "
                + "(37.4611978,-122.2164385) https://maps.google.com/?q=37.4611978,-122.2164385\nhttps://maps.google.com/?cid=2000000000000000000");
        assertThat(pywa("message__current_location").text())
                .isEqualTo("[Forwarded]\n📍 (12.25089,43.90539) https://maps.google.com/?q=12.25089,43.90539");
        assertThat(meta("location_message").text()).startsWith("📍 ");
        assertThat(pywa("message__contacts").text()).isEqualTo("👤 Chandler Bing: +1 555-555-5555 (cell)\n👤 Monica: +1 666-666-6666 (home)\n"
                + "👤 Rachel Green: +1 777-777-7777 (work)");
        assertThat(meta("contact_sharing_message").text()).startsWith("👤 ");
        assertThat(pywa("message__order").text()).isEqualTo("🛒 Order from catalog 354160437058781:\n3 × HAMBURGER at 30 ILS\n"
                + "2 × FRENCH_FRIES at 35 ILS\n2 × SODA at 10 ILS");
        assertThat(meta("order_message").text()).startsWith("🛒 Order");
        InboundMessage button = pywa("callback_button__button");
        assertThat(button.text()).isEqualTo("title");
        assertThat(button.references()).containsExactly("wamid.xyzxyz");
        assertThat(pywa("callback_button__quick_reply").text()).isEqualTo("title");
        assertThat(pywa("callback_button__quick_reply_without_context").references()).isEmpty();
        assertThat(pywa("callback_selection__description").text()).isEqualTo("title");
        assertThat(meta("interactive_button_reply_message").text()).isNotBlank();
        assertThat(meta("interactive_list_reply_message").text()).isNotBlank();
        assertThat(meta("button_message").text()).isNotBlank();
        assertThat(pywa("flow_completion__completion").text()).contains("Sent", "comment_text: Comment Text").doesNotContain("flow_token");
        assertThat(pywa("call_permission_update__accept").text()).isEqualTo("[Call permission: accept]");
    }

    @Test
    void reactionsPointAtTheMessageTheyAreAbout() throws Exception {
        InboundMessage reaction = pywa("message__reaction");
        assertThat(reaction.text()).isEqualTo("Reacted 😮 to a message");
        assertThat(reaction.references()).containsExactly("wamid.yzxyzx=");
        assertThat(pywa("message__unreaction_empty").text()).isEqualTo("Removed a reaction from a message");
        assertThat(pywa("message__unreaction_no_emoji").references()).containsExactly("wamid.yzxyzx=");
        assertThat(meta("reaction_message").text()).startsWith("Reacted ");
    }

    @Test
    void whatIsNotSupportedIsRecordedVisibly() throws Exception {
        assertThat(pywa("message__unsupported").text())
                .isEqualTo("[Unsupported WhatsApp message: 131051 Message type unknown: Message type is currently not supported.]");
        assertThat(pywa("message__unsupported_with_type").text())
                .isEqualTo("[Unsupported WhatsApp message: pool (131051 Message type unknown: Message type is currently not supported.)]");
        assertThat(pywa("message__interactive_message_with_err").text())
                .isEqualTo("[Unsupported WhatsApp message: interactive (131000 Something went wrong: Unsupported webhook payload)]");
        assertThat(meta("unsupported_message").text()).startsWith("[Unsupported WhatsApp message: ");
        InboundMessage system = pywa("system__phone_number_change");
        assertThat(system.text()).isEqualTo("[WhatsApp: User A changed from 972987654321 to 972912345678]");
        assertThat(system.automatic()).isTrue();
        assertThat(system.fromName()).isNull();
        assertThat(system.addressChange()).as("the host moves the contact to the new number")
                .isEqualTo(new InboundMessage.AddressChange("972987654321", "972912345678"));
        assertThat(meta("system_message").addressChange()).isEqualTo(new InboundMessage.AddressChange("16505551234", "12195555358"));
        InboundMessage deleted = pywa("deleted_message__revoke");
        assertThat(deleted.text()).isEqualTo("[Deleted an earlier message]");
        assertThat(deleted.references()).containsExactly("<ORIGINAL_WHATSAPP_MESSAGE_ID>");
    }

    @Test
    void statusesAreReceiptsOnTheMessagesRelaydeskSent() throws Exception {
        Map<String, DeliveryReceipt.Status> expected = new LinkedHashMap<>();
        expected.put("message_status__sent", DeliveryReceipt.Status.SENT);
        expected.put("message_status__with_tracker", DeliveryReceipt.Status.SENT);
        expected.put("message_status__delivered", DeliveryReceipt.Status.DELIVERED);
        expected.put("message_status__read", DeliveryReceipt.Status.READ);
        expected.put("message_status__played", DeliveryReceipt.Status.READ);
        expected.put("message_status__failed", DeliveryReceipt.Status.FAILED);
        for (Map.Entry<String, DeliveryReceipt.Status> status : expected.entrySet()) {
            InboundMessage receipt = pywa(status.getKey());
            assertThat(receipt.isReceiptOnly()).isTrue();
            assertThat(receipt.receipt().sentId()).isEqualTo("wamid.xyzxyz");
            assertThat(receipt.receipt().status()).as(status.getKey()).isEqualTo(status.getValue());
            assertThat(receipt.fromAddress()).isEqualTo("972987654321");
        }
        assertThat(pywa("message_status__failed").receipt().detail())
                .isEqualTo("130472 User's number is part of an experiment: Failed to send message because this user's phone number is part of an experiment");
        assertThat(pywa("message_status__read").receipt().detail()).isNull();
    }

    @Test
    void eventsAreDescribedForTheLog() throws Exception {
        InboundMessage approved = pywa("template_status_update__approved");
        assertThat(approved.fromAddress()).isEqualTo("whatsapp");
        assertThat(approved.automatic()).isTrue();
        assertThat(approved.subject()).isEqualTo("WhatsApp: message template status update");
        assertThat(approved.text()).startsWith("Template \"").contains("is now APPROVED");
        assertThat(pywa("template_status_update__rejected").text()).contains("is now REJECTED");
        assertThat(pywa("account_update__account_violation").text()).startsWith("Account update: ACCOUNT_VIOLATION");
        assertThat(pywa("outgoing_message__text").text()).startsWith("A message was sent from the WhatsApp Business app");
        assertThat(meta("group_create_message").text()).startsWith("WhatsApp notification \"group_lifecycle_update\"");
    }

    @Test
    void aFileTooLargeDamagedOrGoneIsANoteAndTheMessageStillArrives() throws Exception {
        ChannelAccount account = Fixture.account(graph);
        byte[] photo = "a photo".getBytes(StandardCharsets.UTF_8);
        graph.addMedia("7001", "image/jpeg", photo, "0".repeat(64), 6L * 1024 * 1024);
        InboundMessage large = CHANNEL.parse(image("wamid.large", "7001", "look"), account, HOST);
        assertThat(large.attachments()).isEmpty();
        assertThat(large.text()).isEqualTo("[The image whatsapp-image-7001.jpg (6.0 MB) was not downloaded: larger than the 5 MB limit for this kind "
                + "of file]\nlook");
        graph.addMedia("7002", "image/jpeg", photo, "0".repeat(64), photo.length);
        assertThat(CHANNEL.parse(image("wamid.damaged", "7002", null), account, HOST).text()).contains("arrived damaged");
        assertThat(CHANNEL.parse(image("wamid.gone", "7003", null), account, HOST).text()).contains("is no longer available from WhatsApp");
        assertThat(MediaFetcher.limit("document", false)).isEqualTo(10L * 1024 * 1024);
        assertThat(MediaFetcher.limit("video", false)).isEqualTo(10L * 1024 * 1024);
        assertThat(MediaFetcher.limit("sticker", true)).isEqualTo(500L * 1024);
    }

    @Test
    void aFileOverTenMegabytesWhoseSizeWhatsAppDidNotGiveIsANoteAndTheCaptionStillArrives() throws Exception {
        byte[] film = new byte[11 * 1024 * 1024];
        graph.addMedia("7101", "video/mp4", film, java.util.HexFormat.of().formatHex(Signature.sha256(film)), -1);
        InboundMessage message = CHANNEL.parse(video("wamid.bigvideo", "7101", "the parcel arriving"), Fixture.account(graph), HOST);
        assertThat(message.attachments()).isEmpty();
        assertThat(message.text()).isEqualTo("[The video whatsapp-video-7101.mp4 (more than 10.0 MB) was not downloaded: larger than the 10 MB limit "
                + "for this kind of file]\nthe parcel arriving");
    }

    @Test
    void theAccessTokenGoesOnlyToAnHttpsMediaAddressWhenTheGraphApiIsOnHttps() throws Exception {
        Graph meta = new Graph(WhatsAppSettings.of(Fixture.account("https://graph.facebook.com", Fixture.PHONE_NUMBER_ID)), HOST.http());
        assertThat(meta.mediaAddressProblem("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1")).isNull();
        assertThat(meta.mediaAddressProblem("http://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1")).isEqualTo("not https");
        assertThat(meta.mediaAddressProblem("ftp://lookaside.fbsbx.com/x")).isEqualTo("not https");
        assertThat(meta.mediaAddressProblem("https://user:pw@lookaside.fbsbx.com/x")).isEqualTo("no plain host");
        assertThat(meta.mediaAddressProblem("https:///x")).isNotNull();
        assertThatThrownBy(() -> meta.download("http://lookaside.fbsbx.com/x", "the media 1")).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.failure()).isEqualTo(ChannelException.Failure.REFUSED));

        // through the whole message: the file at an address not taken becomes a note, and nobody was sent the token
        graph.addMedia("7102", "image/jpeg", "a photo".getBytes(StandardCharsets.UTF_8)).mediaUrl("7102", "ftp://127.0.0.1:1/photo.jpg");
        graph.clearRequests();
        InboundMessage message = CHANNEL.parse(image("wamid.ftp", "7102", "see"), Fixture.account(graph), HOST);
        assertThat(message.attachments()).isEmpty();
        assertThat(message.text()).contains("could not be fetched", "not https", "see");
        assertThat(graph.requests()).as("only the media endpoint was asked").hasSize(1);
    }

    @Test
    void aNumberWithAnAbsurdExponentReadsAsWrittenInsteadOfBeingWrittenOut() throws Exception {
        String json = "{\"field\":\"messages\",\"metadata\":{\"phone_number_id\":\"" + Fixture.PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":"
                + "{\"name\":\"Ann\"},\"wa_id\":\"15550001111\"}],\"message\":{\"from\":\"15550001111\",\"id\":\"wamid.huge\",\"timestamp\":\"1e999999999\","
                + "\"type\":\"location\",\"location\":{\"latitude\":1e999999999,\"longitude\":-1E-999999999}}}";
        InboundMessage message = CHANNEL.parse(new RawMessage("wamid.huge", "application/json", json.getBytes(StandardCharsets.UTF_8),
                Fixture.CLOCK.instant()), Fixture.account(graph), HOST);
        assertThat(message.text()).contains("1E+999999999", "-1E-999999999").hasSizeLessThan(500);
        assertThat(message.sentAt()).as("a timestamp that is no time: when it arrived").isEqualTo(Fixture.CLOCK.instant());
        assertThat(Json.wholeNumber("1e999999999")).isNull();
        assertThat(Json.wholeNumber("1e-999999999")).isZero();
        assertThat(Json.wholeNumber("1.7e9")).isEqualTo(1_700_000_000L);
        assertThat(Json.wholeNumber("1700000000")).isEqualTo(1_700_000_000L);
    }

    @Test
    void anUnreachableOrRefusingGraphApiFailsTheMessageSoTheHostRetriesIt() throws Exception {
        ChannelAccount down = Fixture.account("http://127.0.0.1:" + freePort(), Fixture.PHONE_NUMBER_ID);
        assertThatThrownBy(() -> CHANNEL.parse(image("wamid.later", "7004", null), down, HOST)).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.failure()).isEqualTo(ChannelException.Failure.UNREACHABLE));
        graph.addMedia("7005", "image/jpeg", "x".getBytes(StandardCharsets.UTF_8));
        graph.failNext(1, 500, 2, "Service temporarily unavailable");
        assertThatThrownBy(() -> CHANNEL.parse(image("wamid.later2", "7005", null), Fixture.account(graph), HOST))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(CHANNEL.parse(image("wamid.later2", "7005", null), Fixture.account(graph), HOST).attachments()).as("and the retry works")
                .hasSize(1);
    }

    @Test
    void withoutTheAccountFilesBecomeNotesAndGarbageIsRefused() throws Exception {
        assertThat(CHANNEL.parse(image("wamid.noaccount", "7006", "hi")).text()).contains("could not be fetched", "hi");
        assertThatThrownBy(() -> CHANNEL.parse(new RawMessage("x", "application/json", "{}".getBytes(StandardCharsets.UTF_8), null)))
                .isInstanceOf(ChannelException.class);
        assertThatThrownBy(() -> CHANNEL.parse(new RawMessage("x", "application/json", "{\"message\":{\"type\":\"text\"}}"
                .getBytes(StandardCharsets.UTF_8), null))).as("no id nor sender").isInstanceOf(ChannelException.class);
    }

    private static RawMessage image(String wamid, String mediaId, String caption) {
        String json = "{\"field\":\"messages\",\"metadata\":{\"phone_number_id\":\"" + Fixture.PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":"
                + "{\"name\":\"Ann\"},\"wa_id\":\"15550001111\"}],\"message\":{\"from\":\"15550001111\",\"id\":\"" + wamid + "\",\"timestamp\":\"1700000000\","
                + "\"type\":\"image\",\"image\":{\"id\":\"" + mediaId + "\",\"mime_type\":\"image/jpeg\"" + (caption == null ? "" : ",\"caption\":\"" + caption
                + "\"") + "}}}";
        return new RawMessage(wamid, "application/json", json.getBytes(StandardCharsets.UTF_8), Fixture.CLOCK.instant());
    }

    private static RawMessage video(String wamid, String mediaId, String caption) {
        String json = "{\"field\":\"messages\",\"metadata\":{\"phone_number_id\":\"" + Fixture.PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":"
                + "{\"name\":\"Ann\"},\"wa_id\":\"15550001111\"}],\"message\":{\"from\":\"15550001111\",\"id\":\"" + wamid + "\",\"timestamp\":\"1700000000\","
                + "\"type\":\"video\",\"video\":{\"id\":\"" + mediaId + "\",\"mime_type\":\"video/mp4\",\"caption\":\"" + caption + "\"}}}";
        return new RawMessage(wamid, "application/json", json.getBytes(StandardCharsets.UTF_8), Fixture.CLOCK.instant());
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
