package org.relaydesk.api.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagingContractTest {
    @Test
    void aTemplateReadsAsTheCustomerWillSeeItWithTheValuesGiven() {
        MessageTemplate template = new MessageTemplate("order_update", "en_US", "UTILITY", MessageTemplate.Approval.APPROVED,
                "Order {{1}}", "Hello {{1}}, your order {{2}} ships {{3}}.", "Reply STOP to opt out", List.of("Track"),
                List.of(new MessageTemplate.Variable("header.1", "Order", "A-1"), new MessageTemplate.Variable("body.1", "Name", "Ana"),
                        new MessageTemplate.Variable("body.2", "Order", "A-1"), new MessageTemplate.Variable("body.3", "When", "today")),
                null);

        String text = template.render(Map.of("header.1", "A-77", "body.1", "Maya", "body.2", "A-77"));

        assertThat(text).isEqualTo("Order A-77\n\nHello Maya, your order A-77 ships {{3}}.\n\nReply STOP to opt out");
    }

    @Test
    void theWindowIsOpenUntilItsLengthAfterTheCustomersLastMessageAndClosedWhenTheyNeverWrote() {
        ConversationWindow window = new ConversationWindow(Duration.ofHours(24), "24-hour window", "send a template");
        Instant last = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(window.openUntil(last)).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(window.isOpen(last, Instant.parse("2026-12-02T09:59:59Z"))).isTrue();
        assertThat(window.isOpen(last, Instant.parse("2026-12-02T10:00:00Z"))).isFalse();
        assertThat(window.isOpen(null, last)).isFalse();
        assertThatThrownBy(() -> new ConversationWindow(Duration.ZERO, "x", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLaterReportNeverTakesAMessageBackAndAFailureIsFinal() {
        assertThat(DeliveryReceipt.Status.READ.rank()).isGreaterThan(DeliveryReceipt.Status.DELIVERED.rank());
        assertThat(DeliveryReceipt.Status.DELIVERED.rank()).isGreaterThan(DeliveryReceipt.Status.SENT.rank());
        assertThat(DeliveryReceipt.Status.FAILED.rank()).isGreaterThan(DeliveryReceipt.Status.READ.rank());
    }

    @Test
    void onlyFailuresThatMayPassLaterAreRetried() {
        assertThat(new ChannelException(ChannelException.Failure.WINDOW_CLOSED, "closed", null).retryable()).isFalse();
        assertThat(new ChannelException(ChannelException.Failure.OPTED_OUT, "stop", null).retryable()).isFalse();
        assertThat(new ChannelException(ChannelException.Failure.REFUSED, "bad", null).retryable()).isFalse();
        assertThat(new ChannelException(ChannelException.Failure.RATE_LIMITED, "slow", null).retryable()).isTrue();
        assertThat(new ChannelException("unreachable").retryable()).isTrue();
    }

    @Test
    void aStatusReportCarriesOnlyItsReceipt() {
        InboundMessage status = InboundMessage.receiptOnly("status:wamid.1:read", "14155550100", Instant.now(),
                new DeliveryReceipt("wamid.1", DeliveryReceipt.Status.READ, null));
        InboundMessage text = new InboundMessage("wamid.2", "14155550100", "Ana", null, "hi", null, List.of(), Instant.now(), false, List.of());

        assertThat(status.isReceiptOnly()).isTrue();
        assertThat(status.automatic()).isTrue();
        assertThat(text.isReceiptOnly()).isFalse();
    }

    @Test
    void aOneOneReplyStillBuildsAndCarriesNeitherChoicesNorTemplate() {
        OutboundMessage reply = new OutboundMessage("#1", "a@example.com", "A", "s", "t", null, List.of(), "Agent", null, List.of());

        assertThat(reply.choices()).isNull();
        assertThat(reply.template()).isNull();
        assertThatThrownBy(() -> new InteractiveChoices(null, null, null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
