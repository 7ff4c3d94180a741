package org.relaydesk.core.user.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {
    @Test
    void tenDifferentCodesInTwoGroupsOfFiveWithoutLookAlikes() {
        List<String> codes = RecoveryCodes.generate();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(codes).allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}")).noneMatch(c -> c.matches(".*[ilo01].*"));
        assertThat(new HashSet<>(RecoveryCodes.generate())).doesNotContainAnyElementsOf(codes);
    }

    @Test
    void aCodeIsRecognisedHoweverItIsTyped() {
        byte[] key = "an installation's derived key....".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String code = RecoveryCodes.generate().get(0);
        String hash = RecoveryCodes.hash(code, key);
        assertThat(RecoveryCodes.hash(code.toUpperCase(), key)).isEqualTo(hash);
        assertThat(RecoveryCodes.hash(code.replace("-", ""), key)).isEqualTo(hash);
        assertThat(RecoveryCodes.hash(" " + code.replace("-", " ") + " ", key)).isEqualTo(hash);
        assertThat(RecoveryCodes.hash(code, "another installation's key......".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .as("not searchable without the installation's key").isNotEqualTo(hash);
        assertThat(RecoveryCodes.looksLikeOne(code.toUpperCase())).isTrue();
    }

    @Test
    void sixDigitsAndOtherTextAreNotRecoveryCodes() {
        assertThat(RecoveryCodes.looksLikeOne("123456")).isFalse();
        assertThat(RecoveryCodes.looksLikeOne("abcde-fghij")).as("i is not in the alphabet").isFalse();
        assertThat(RecoveryCodes.looksLikeOne("")).isFalse();
        assertThat(RecoveryCodes.looksLikeOne(null)).isFalse();
        assertThat(RecoveryCodes.looksLikeOne("abcde-fghjkm")).isFalse();
    }
}
