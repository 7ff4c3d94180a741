package org.relaydesk.core.user.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238, appendix B: the SHA-1 seed. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void computesTheCodesOfRfc6238AppendixB() {
        assertThat(Totp.code(RFC_SECRET, Totp.stepAt(Instant.ofEpochSecond(59)), 8)).isEqualTo("94287082");
        assertThat(Totp.code(RFC_SECRET, Totp.stepAt(Instant.ofEpochSecond(1111111109)), 8)).isEqualTo("07081804");
        assertThat(Totp.code(RFC_SECRET, Totp.stepAt(Instant.ofEpochSecond(1111111111)), 8)).isEqualTo("14050471");
        assertThat(Totp.code(RFC_SECRET, Totp.stepAt(Instant.ofEpochSecond(1234567890)), 8)).isEqualTo("89005924");
        assertThat(Totp.code(RFC_SECRET, Totp.stepAt(Instant.ofEpochSecond(2000000000)), 8)).isEqualTo("69279037");
        assertThat(Totp.code(RFC_SECRET, Totp.stepAt(Instant.ofEpochSecond(20000000000L)), 8)).isEqualTo("65353130");
        // the six digits apps show are the last six
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    }

    @Test
    void acceptsACodeOneStepEarlyOrLateAndSaysWhichStepItWas() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.stepAt(now);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step, 6), now)).hasValue(step);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1, 6), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1, 6), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2, 6), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2, 6), now)).isEmpty();
    }

    @Test
    void takesTheCodeAsAppsShowItAndRefusesAnythingElse() {
        Instant now = Instant.ofEpochSecond(1111111109);
        assertThat(Totp.matchingStep(RFC_SECRET, "081 804", now)).isPresent();
        assertThat(Totp.matchingStep(RFC_SECRET, "81804", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "0818041", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "O81804", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "０８１８０４", now)).as("full-width digits").isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEmpty();
    }

    @Test
    void aNewSecretRoundTripsThroughBase32AsAppsTypeIt() {
        byte[] secret = Totp.newSecret();
        assertThat(secret).hasSize(20);
        String typed = Totp.base32(secret);
        assertThat(typed).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.fromBase32(typed.toLowerCase().replaceAll("(.{4})", "$1 "))).isEqualTo(secret);
        assertThat(Totp.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void theProvisioningAddressCarriesIssuerAccountAndSecret() {
        String uri = Totp.provisioningUri(RFC_SECRET, "Relaydesk", "ann+desk@example.com");
        assertThat(uri).startsWith("otpauth://totp/Relaydesk:ann%2Bdesk%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
                .contains("&issuer=Relaydesk").contains("&digits=6").contains("&period=30");
    }
}
