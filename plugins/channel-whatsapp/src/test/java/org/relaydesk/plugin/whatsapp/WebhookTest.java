package org.relaydesk.plugin.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relaydesk.plugin.whatsapp.Fixture.APP_SECRET;
import static org.relaydesk.plugin.whatsapp.Fixture.CHANNEL;
import static org.relaydesk.plugin.whatsapp.Fixture.HOST;
import static org.relaydesk.plugin.whatsapp.Fixture.VERIFY_TOKEN;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.channel.ChannelConnector;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.HttpResponse;

/** Meta's handshake and signed notifications at the number's webhook: what is refused stores nothing; what is taken is stored once, before the 200. */
class WebhookTest {
    private final Fixture.Context context = new Fixture.Context();

    private static ChannelConnector connector() throws Exception {
        return CHANNEL.create(Fixture.account("https://graph.facebook.com", Fixture.PHONE_NUMBER_ID), HOST);
    }

    private static byte[] corpus(String name) throws Exception {
        return Files.readAllBytes(Path.of(WebhookTest.class.getResource("/corpus/pywa/tests/data/updates/" + name).toURI()));
    }

    private static HttpRequest handshake(String mode, String token, String challenge) {
        Map<String, List<String>> query = new java.util.HashMap<>();
        if (mode != null) {
            query.put("hub.mode", List.of(mode));
        }
        if (token != null) {
            query.put("hub.verify_token", List.of(token));
        }
        if (challenge != null) {
            query.put("hub.challenge", List.of(challenge));
        }
        return new HttpRequest("GET", "webhook", Map.of(), query, null, "173.252.95.1");
    }

    private static String text(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theHandshakeEchoesTheChallengeOnlyToTheRightVerifyToken() throws Exception {
        ChannelConnector webhook = connector();
        HttpResponse ok = webhook.handle(handshake("subscribe", VERIFY_TOKEN, "1158201444"), context);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contentType()).startsWith("text/plain");
        assertThat(text(ok)).isEqualTo("1158201444");
        assertThat(webhook.handle(handshake("subscribe", VERIFY_TOKEN + "x", "1158201444"), context).status()).isEqualTo(403);
        assertThat(webhook.handle(handshake("subscribe", null, "1158201444"), context).status()).isEqualTo(403);
        assertThat(webhook.handle(handshake("unsubscribe", VERIFY_TOKEN, "1158201444"), context).status()).isEqualTo(403);
        assertThat(webhook.handle(handshake("subscribe", VERIFY_TOKEN, "<script>alert(1)</script>"), context).status())
                .as("only safe characters are echoed").isEqualTo(400);
        assertThat(webhook.handle(handshake("subscribe", VERIFY_TOKEN, "9".repeat(Webhook.MAX_CHALLENGE + 1)), context).status()).isEqualTo(400);
        assertThat(webhook.handle(handshake("subscribe", VERIFY_TOKEN, null), context).status()).isEqualTo(400);
        assertThat(context.sink.offered()).isZero();
    }

    @Test
    void theSignatureIsMetasHmacOfTheRawBody() {
        // the published test vector: key "secret", body "test"
        assertThat(Signature.of("test".getBytes(StandardCharsets.UTF_8), "secret"))
                .isEqualTo("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914");
        assertThat(Signature.valid("SHA256=0329A06B62CD16B33EB6792BE8C60B158D89A2EE3A876FCE9A881EBB488C0914", "test".getBytes(StandardCharsets.UTF_8),
                "secret")).isTrue();
        assertThat(Signature.valid("sha256=zz", "test".getBytes(StandardCharsets.UTF_8), "secret")).isFalse();
        assertThat(Signature.valid("0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914", "test".getBytes(StandardCharsets.UTF_8),
                "secret")).as("without its sha256= prefix").isFalse();
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedAndNothingIsStored() throws Exception {
        ChannelConnector webhook = connector();
        byte[] body = corpus("message__text.json");
        assertThat(webhook.handle(Fixture.post(body, Map.of()), context).status()).as("no signature").isEqualTo(401);
        assertThat(webhook.handle(Fixture.signedPost(body, "another-apps-secret"), context).status()).as("another app's secret").isEqualTo(401);
        HttpRequest tampered = Fixture.signedPost(body, APP_SECRET);
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("Body Text", "Body Text!").getBytes(StandardCharsets.UTF_8);
        assertThat(webhook.handle(new HttpRequest("POST", "webhook", tampered.headers(), Map.of(), changed, "173.252.95.1"), context).status())
                .as("a body changed after signing").isEqualTo(401);
        byte[] reformatted = Json.bytes(Json.object(body));
        assertThat(webhook.handle(new HttpRequest("POST", "webhook", tampered.headers(), Map.of(), reformatted, "173.252.95.1"), context).status())
                .as("the same JSON written differently: the raw bytes are signed").isEqualTo(401);
        assertThat(context.sink.offered()).isZero();
    }

    @Test
    void aSignedNotificationIsStoredOnceAndARetryStoresNothingNew() throws Exception {
        ChannelConnector webhook = connector();
        byte[] body = corpus("message__text.json");
        HttpResponse first = webhook.handle(Fixture.signedPost(body, APP_SECRET), context);
        assertThat(first.status()).isEqualTo(200);
        assertThat(Json.object(first.body()).getInt("stored")).isEqualTo(1);
        assertThat(context.sink.accepted()).singleElement().satisfies(raw -> {
            assertThat(raw.externalId()).isEqualTo("wamid.xyzxyz");
            assertThat(raw.contentType()).isEqualTo("application/json");
            assertThat(raw.receivedAt()).isEqualTo(Fixture.CLOCK.instant());
            JsonObject item = Json.object(raw.content());
            assertThat(item.getJsonObject("metadata").getString("phone_number_id")).isEqualTo(Fixture.PHONE_NUMBER_ID);
            assertThat(item.getJsonArray("contacts")).hasSize(1);
            assertThat(item.getJsonObject("message").getString("id")).isEqualTo("wamid.xyzxyz");
        });
        HttpResponse retry = webhook.handle(Fixture.signedPost(body, APP_SECRET), context);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(Json.object(retry.body()).getInt("stored")).isZero();
        assertThat(Json.object(retry.body()).getInt("already_stored")).isEqualTo(1);
        assertThat(context.sink.accepted()).hasSize(1);
    }

    @Test
    void aStatusAndAnEventGetTheirOwnIds() throws Exception {
        ChannelConnector webhook = connector();
        webhook.handle(Fixture.signedPost(corpus("message_status__read.json"), APP_SECRET), context);
        webhook.handle(Fixture.signedPost(corpus("template_status_update__approved.json"), APP_SECRET), context);
        assertThat(context.sink.accepted()).extracting(r -> r.externalId()).satisfiesExactly(
                id -> assertThat(id).isEqualTo("status:wamid.xyzxyz:read"),
                id -> assertThat(id).matches("event:[0-9a-f]{64}"));
    }

    @Test
    void whenStorageFailsMetaIsToldToRetry() throws Exception {
        ChannelConnector webhook = connector();
        context.storageDown = true;
        HttpResponse answer = webhook.handle(Fixture.signedPost(corpus("message__text.json"), APP_SECRET), context);
        assertThat(answer.status()).isEqualTo(500);
        context.storageDown = false;
        assertThat(webhook.handle(Fixture.signedPost(corpus("message__text.json"), APP_SECRET), context).status()).isEqualTo(200);
        assertThat(context.sink.accepted()).hasSize(1);
    }

    @Test
    void anotherNumbersEntryIsNotStoredButAnsweredSoMetaDoesNotRetry() throws Exception {
        ChannelConnector webhook = CHANNEL.create(Fixture.account("https://graph.facebook.com", "999999999999"), HOST);
        HttpResponse answer = webhook.handle(Fixture.signedPost(corpus("message__text.json"), APP_SECRET), context);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(Json.object(answer.body()).getInt("stored")).isZero();
        assertThat(text(answer)).contains("phone number id 1122334455667, not this account's (999999999999)");
        assertThat(context.sink.offered()).isZero();
    }

    @Test
    void malformedOversizedOrForeignBodiesAreRefused() throws Exception {
        ChannelConnector webhook = connector();
        assertThat(webhook.handle(Fixture.signedPost("{\"object\":".getBytes(StandardCharsets.UTF_8), APP_SECRET), context).status()).isEqualTo(400);
        assertThat(webhook.handle(Fixture.signedPost("[1,2]".getBytes(StandardCharsets.UTF_8), APP_SECRET), context).status()).isEqualTo(400);
        assertThat(webhook.handle(Fixture.signedPost("{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8), APP_SECRET), context)
                .status()).as("a Messenger page notification").isEqualTo(400);
        assertThat(webhook.handle(Fixture.signedPost("{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8), APP_SECRET),
                context).status()).isEqualTo(400);
        byte[] huge = new byte[Webhook.MAX_BODY + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(webhook.handle(Fixture.signedPost(huge, APP_SECRET), context).status()).isEqualTo(413);
        assertThat(webhook.handle(new HttpRequest("PUT", "webhook", Map.of(), Map.of(), null, "x"), context).status()).isEqualTo(405);
        assertThat(webhook.handle(new HttpRequest("GET", "other", Map.of(), Map.of(), null, "x"), context).status()).isEqualTo(404);
        assertThat(context.sink.offered()).isZero();
    }
}
