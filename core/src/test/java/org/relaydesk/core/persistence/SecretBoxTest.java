package org.relaydesk.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static SecretBox box(byte[] key) {
        SecretBox box = new SecretBox();
        box.keyValue = Optional.of(Base64.getEncoder().encodeToString(key));
        box.keyFile = Optional.empty();
        return box;
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void aSealedSecretOpensOnlyWithItsKeyAndWhereItBelongs() {
        byte[] key = key();
        SecretBox box = box(key);
        String sealed = box.seal("imap-password-1", "channel-account:1:imap.password");
        assertThat(sealed).startsWith("enc:v1:").doesNotContain("imap-password-1");
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(box.seal("imap-password-1", "channel-account:1:imap.password")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box(key).open(sealed, "channel-account:1:imap.password")).isEqualTo("imap-password-1");

        assertThatThrownBy(() -> box.open(sealed, "channel-account:2:imap.password")).as("copied onto another account")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box(key()).open(sealed, "channel-account:1:imap.password")).as("another installation's key")
                .isInstanceOf(IllegalStateException.class);
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A=") ? "B=" : "A=");
        assertThatThrownBy(() -> box.open(tampered, "channel-account:1:imap.password")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> box(new byte[16]).seal("x", "y")).hasMessageContaining("32 bytes");
    }
}
