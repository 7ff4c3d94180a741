package org.relaydesk.core.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

class PhoneVerificationTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    private PhoneVerification sent(String code) {
        PhoneVerification request = new PhoneVerification(UUID.randomUUID(), "+14155550100", UUID.randomUUID(), clock.instant());
        request.codeSent(code, clock.instant());
        return request;
    }

    private Instant later(Duration by) {
        return Clock.offset(clock, by).instant();
    }

    @Test
    void theRightCodeInTimeVerifiesOnce() {
        PhoneVerification request = sent("042917");
        assertThat(request.check("042917", later(Duration.ofMinutes(9)))).isEqualTo(PhoneVerification.Check.VERIFIED);
        assertThat(request.status()).isEqualTo(PhoneVerification.Status.VERIFIED);
        assertThat(request.check("042917", later(Duration.ofMinutes(9)))).as("replayed").isEqualTo(PhoneVerification.Check.NOT_WAITING);
    }

    @Test
    void anExpiredCodeIsRefusedEvenWhenRight() {
        PhoneVerification request = sent("123456");
        assertThat(request.check("123456", later(PhoneVerification.LIFETIME))).isEqualTo(PhoneVerification.Check.EXPIRED);
        assertThat(request.check("123456", later(Duration.ofHours(1)))).isEqualTo(PhoneVerification.Check.EXPIRED);
    }

    @Test
    void fiveWrongCodesSpendTheRequestAndTheRightOneNoLongerWorks() {
        PhoneVerification request = sent("123456");
        for (int i = 1; i < PhoneVerification.MAX_ATTEMPTS; i++) {
            assertThat(request.check("000000", clock.instant())).isEqualTo(PhoneVerification.Check.WRONG);
            assertThat(request.attemptsLeft()).isEqualTo(PhoneVerification.MAX_ATTEMPTS - i);
        }
        assertThat(request.check("999999", clock.instant())).isEqualTo(PhoneVerification.Check.WRONG_AND_SPENT);
        assertThat(request.status()).isEqualTo(PhoneVerification.Status.SPENT);
        assertThat(request.check("123456", clock.instant())).isEqualTo(PhoneVerification.Check.NOT_WAITING);
    }

    @Test
    void malformedCodesCountAsWrong() {
        PhoneVerification request = sent("123456");
        assertThat(request.check("12345", clock.instant())).isEqualTo(PhoneVerification.Check.WRONG);
        assertThat(request.check(null, clock.instant())).isEqualTo(PhoneVerification.Check.WRONG);
        assertThat(request.check("１２３４５６", clock.instant())).as("other digits").isEqualTo(PhoneVerification.Check.WRONG);
    }

    @Test
    void aQueuedOrReplacedOrFailedRequestTakesNoCode() {
        PhoneVerification queued = new PhoneVerification(UUID.randomUUID(), "+14155550100", UUID.randomUUID(), clock.instant());
        assertThat(queued.check("123456", clock.instant())).isEqualTo(PhoneVerification.Check.NOT_WAITING);
        PhoneVerification replaced = sent("123456");
        replaced.replaced();
        assertThat(replaced.check("123456", clock.instant())).isEqualTo(PhoneVerification.Check.NOT_WAITING);
        PhoneVerification failed = sent("123456");
        failed.failed("window closed");
        assertThat(failed.check("123456", clock.instant())).isEqualTo(PhoneVerification.Check.NOT_WAITING);
    }

    @Test
    void aCodeOfOneRequestDoesNotOpenAnother() {
        PhoneVerification first = sent("111111");
        PhoneVerification second = sent("222222");
        assertThat(second.check("111111", clock.instant())).isEqualTo(PhoneVerification.Check.WRONG);
        assertThat(first.check("111111", clock.instant())).isEqualTo(PhoneVerification.Check.VERIFIED);
    }

    @Test
    void codesAreSixDigitsWithLeadingZerosKept() {
        for (int i = 0; i < 200; i++) {
            assertThat(PhoneVerification.newCode()).matches("[0-9]{6}");
        }
    }

    @Test
    void numbersMustBeE164WithACountryCode() {
        assertThat(WhatsAppVerification.e164("+44 20 7946 0958")).isEqualTo("+442079460958");
        assertThat(WhatsAppVerification.e164("+1 (415) 555-0100")).isEqualTo("+14155550100");
        for (String bad : new String[] {"4155550100", "+1 415 555 01", "+999 123456", "+1415555010012345678", "abc", "", "+1415555O100",
                "+14155550100" + "0".repeat(40)}) {
            assertThatThrownBy(() -> WhatsAppVerification.e164(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> WhatsAppVerification.e164(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aCodeTemplateGetsTheCodeInEveryVariable() {
        assertThat(WhatsAppCodeDeliverer.codeValues("[{\"key\":\"body.1\"},{\"key\":\"button.0.1\"}]", "123456"))
                .containsEntry("body.1", "123456").containsEntry("button.0.1", "123456");
        assertThat(WhatsAppCodeDeliverer.codeValues("[]", "123456")).containsEntry("body.1", "123456");
    }
}
