package org.relaydesk.plugin.whatsapp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.HttpChannelContext;
import org.relaydesk.api.channel.HttpRequest;
import org.relaydesk.api.channel.InboundSink;
import org.relaydesk.api.channel.RawMessage;
import org.relaydesk.plugin.whatsapp.fake.FakeGraphApi;
import org.relaydesk.plugin.whatsapp.fake.MetaSignature;
import org.relaydesk.plugin.whatsapp.fake.TestHost;
import org.relaydesk.testkit.RecordingSink;

/** A number's account pointing at the fake Graph API, the host's side of a webhook request, and signed requests. */
final class Fixture {
    static final String ACCESS_TOKEN = "EAAG-test-token-0123456789";
    static final String APP_SECRET = "app-secret-for-tests";
    static final String VERIFY_TOKEN = "verify-token-for-tests-7c1d";
    static final String PHONE_NUMBER_ID = "1122334455667";
    static final String WABA_ID = "102290129340398";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-03T10:15:30Z"), ZoneOffset.UTC);
    static final TestHost HOST = new TestHost(CLOCK);
    static final WhatsAppChannel CHANNEL = new WhatsAppChannel();

    private Fixture() {
    }

    static ChannelAccount account(String graphBaseUrl, String phoneNumberId) {
        Map<String, String> config = new HashMap<>();
        config.put("phone_number_id", phoneNumberId);
        config.put("business_account_id", WABA_ID);
        config.put("access_token", ACCESS_TOKEN);
        config.put("app_secret", APP_SECRET);
        config.put("verify_token", VERIFY_TOKEN);
        config.put("graph_base_url", graphBaseUrl);
        config.put("graph_version", "v23.0");
        config.put("display_phone_number", "+972 12 345 6789");
        return new ChannelAccount(UUID.nameUUIDFromBytes(phoneNumberId.getBytes(StandardCharsets.UTF_8)), "whatsapp", "Support " + phoneNumberId, config);
    }

    static ChannelAccount account(FakeGraphApi graph) {
        return account(graph.baseUrl(), PHONE_NUMBER_ID);
    }

    static HttpRequest signedPost(byte[] body, String appSecret) {
        return post(body, Map.of("X-Hub-Signature-256", List.of(MetaSignature.sign(body, appSecret)), "Content-Type", List.of("application/json")));
    }

    static HttpRequest post(byte[] body, Map<String, List<String>> headers) {
        return new HttpRequest("POST", "webhook", headers, Map.of(), body, "173.252.95.1");
    }

    /** The host's side of a webhook request: an inbox that keeps what it stores (or fails, as a database that is down). */
    static final class Context implements HttpChannelContext {
        final RecordingSink sink = new RecordingSink();
        volatile boolean storageDown;

        @Override
        public String publicUrl() {
            return "https://desk.example.com/api/public/channels/acc/";
        }

        @Override
        public byte[] signingKey() {
            return new byte[32];
        }

        @Override
        public List<TicketField> ticketFields() {
            return List.of();
        }

        @Override
        public Filed submit(RawMessage message, boolean confirmByEmail) {
            throw new AssertionError("a webhook stores through the inbox and files nothing at once");
        }

        @Override
        public InboundSink inbox() {
            return message -> {
                if (storageDown) {
                    throw new ChannelException("the database is down");
                }
                return sink.accept(message);
            };
        }
    }
}
