package org.relaydesk.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

class WebhookRulesTest {
    private static final String SECRET = "whsec_test-secret-of-enough-length";
    private static final String BODY = "{\"event\":\"ticket.created\",\"data\":{\"subject\":\"Zahlung fehlgeschlagen ✓\"}}";

    @Test
    void aReceiverVerifiesTheSignatureOfTheBodyAndTimestampItGot() {
        String header = WebhookSignature.sign(SECRET, 1_765_000_000L, BODY);
        assertThat(header).matches("v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, 1_765_000_000L, BODY, header)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, 1_765_000_000L, BODY, "v0=abc, " + header)).as("one of several schemes").isTrue();
    }

    @Test
    void anyChangeOfBodyTimestampOrSecretBreaksTheSignature() {
        String header = WebhookSignature.sign(SECRET, 1_765_000_000L, BODY);
        assertThat(WebhookSignature.verify(SECRET, 1_765_000_001L, BODY, header)).as("replayed with a new timestamp").isFalse();
        assertThat(WebhookSignature.verify(SECRET, 1_765_000_000L, BODY.replace("fehlgeschlagen", "erfolgreich"), header)).isFalse();
        assertThat(WebhookSignature.verify("whsec_another-secret-entirely", 1_765_000_000L, BODY, header)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, 1_765_000_000L, BODY, null)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, 1_765_000_000L, BODY, "v1=not-hex")).isFalse();
    }

    @Test
    void theSignatureIsTheDocumentedHmacOfTimestampDotBody() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal(("42." + BODY).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(WebhookSignature.sign(SECRET, 42, BODY)).isEqualTo("v1=" + expected);
    }

    @Test
    void retriesLastMoreThanADayByDefaultThenTheDeliveryIsDead() {
        WebhookSettings settings = new WebhookSettings();
        settings.retryPauses = WebhookSettings.DEFAULT_PAUSES;
        Duration total = Duration.ZERO;
        int attempt = 1;
        while (settings.pauseAfter(attempt).isPresent()) {
            total = total.plus(settings.pauseAfter(attempt).get());
            attempt++;
        }
        assertThat(total).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(settings.pauseAfter(1)).contains(Duration.ofSeconds(30));
        assertThat(settings.pauseAfter(attempt)).isEmpty();
    }

    @Test
    void anOperatorsPausesAreReadAndAMalformedListFallsBackToTheDefault() {
        assertThat(WebhookSettings.parseList("1s, 2m,3h,1d")).contains(List.of(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofHours(3), Duration.ofDays(1)));
        assertThat(WebhookSettings.parseList("1s,soon")).isEmpty();
        assertThat(WebhookSettings.parseList("-1s")).isEmpty();
        WebhookSettings settings = new WebhookSettings();
        settings.retryPauses = "every now and then";
        assertThat(settings.pauseAfter(1)).contains(Duration.ofSeconds(30));
        settings.switchOffAfter = "never";
        assertThat(settings.switchOffAfter()).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void ticketChangesBecomeTheSeedsEvents() {
        assertThat(WebhookEvent.ofTicketAction("created")).contains(WebhookEvent.TICKET_CREATED);
        assertThat(WebhookEvent.ofTicketAction("status_changed")).contains(WebhookEvent.TICKET_UPDATED);
        assertThat(WebhookEvent.ofTicketAction("customer_replied")).contains(WebhookEvent.TICKET_COMMENT_ADDED);
        assertThat(WebhookEvent.ofTicketAction("note_added")).contains(WebhookEvent.TICKET_COMMENT_ADDED);
        assertThat(WebhookEvent.ofTicketAction("auto_assigned")).contains(WebhookEvent.TICKET_ASSIGNED);
        assertThat(WebhookEvent.ofTicketAction("sla_breached")).as("published with its detail by the SLA watcher").isEmpty();
        assertThat(WebhookEvent.ofTicketAction("not_auto_assigned")).isEmpty();
        assertThat(WebhookService.subscribable()).contains("ticket.sla.breached", "csat.rated").doesNotContain("webhook.ping");
    }

    @Test
    void aFilterKeepsItsListsSortedThroughStorage() {
        UUID team = UUID.fromString("00000000-0000-0000-0000-000000000007");
        WebhookFilter filter = new WebhookFilter(Set.of("urgent", "high"), Set.of("whatsapp"), Set.of(team), null, Set.of("vip"));
        assertThat(filter.toJson()).isEqualTo("{\"priorities\":[\"high\",\"urgent\"],\"channels\":[\"whatsapp\"],\"team_ids\":[\""
                + team + "\"],\"tags\":[\"vip\"]}");
        assertThat(WebhookFilter.fromJson(filter.toJson())).isEqualTo(filter);
        assertThat(WebhookFilter.NONE.isEmpty()).isTrue();
        assertThat(WebhookFilter.NONE.matches(null)).isTrue();
    }

    @Test
    void durationsReadAsWords() {
        assertThat(WebhookService.describe(Duration.ofHours(74))).isEqualTo("3 days 2 hours");
        assertThat(WebhookService.describe(Duration.ofMinutes(61))).isEqualTo("1 hour 1 minute");
        assertThat(WebhookService.describe(Duration.ofSeconds(4))).isEqualTo("4 seconds");
    }

    @Test
    void urlsMustBePublicHttpsWithoutCredentials() {
        WebhookPost post = new WebhookPost();
        post.settings = new WebhookSettings();
        assertThat(post.checkedUrl(" https://hooks.example.com/relaydesk?x=1 ")).isEqualTo("https://hooks.example.com/relaydesk?x=1");
        for (String refused : List.of("http://hooks.example.com/", "ftp://hooks.example.com/", "https://127.0.0.1/", "https://[::1]/",
                "https://2130706433/", "https://0x7f.1/", "https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/",
                "https://[::ffff:127.0.0.1]/", "https://localhost/", "https://user:pw@hooks.example.com/", "https://hooks.example.com/#x",
                "https:///nohost", "javascript:alert(1)", "not a url", "", "https://" + "a".repeat(2000) + ".com/")) {
            assertThatThrownBy(() -> post.checkedUrl(refused)).as(refused).isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKey("url"));
        }
    }

    @Test
    void anOperatorWhoAllowsPrivateNetworksMayUsePlainHttpThere() {
        WebhookPost post = new WebhookPost();
        post.settings = new WebhookSettings();
        post.settings.allowPrivateNetworks = true;
        assertThat(post.checkedUrl("http://127.0.0.1:8089/hook")).isEqualTo("http://127.0.0.1:8089/hook");
        assertThatThrownBy(() -> post.checkedUrl("file:///etc/passwd")).isInstanceOf(InvalidInputException.class);
    }
}
