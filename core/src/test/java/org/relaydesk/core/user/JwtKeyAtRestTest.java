package org.relaydesk.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.WorkspaceOwned;

class JwtKeyAtRestTest {
    private final Instant now = Instant.parse("2026-01-15T10:00:00Z");

    private static SecretBox box(byte[] installationKey) throws Exception {
        SecretBox box = new SecretBox();
        Field value = SecretBox.class.getDeclaredField("keyValue");
        value.setAccessible(true);
        value.set(box, Optional.of(Base64.getEncoder().encodeToString(installationKey)));
        Field file = SecretBox.class.getDeclaredField("keyFile");
        file.setAccessible(true);
        file.set(box, Optional.empty());
        return box;
    }

    private static User user() throws Exception {
        User user = new User("agent@example.com", "Agent", Role.AGENT, "hash");
        Field workspace = WorkspaceOwned.class.getDeclaredField("workspaceId");
        workspace.setAccessible(true);
        workspace.set(user, UUID.randomUUID());
        return user;
    }

    @Test
    void aNewKeyIsStoredSealedAndOpensOnTheNextStart() throws Exception {
        SecretBox box = box(Secrets.randomBytes(32));
        String stored = JwtKeyAtRest.newSealed(box);
        assertThat(SecretBox.isSealed(stored)).isTrue();

        JwtKeyAtRest.Loaded first = JwtKeyAtRest.load(stored, box);
        JwtKeyAtRest.Loaded second = JwtKeyAtRest.load(stored, box);
        assertThat(first.replacement()).as("a sealed key stays as it is").isNull();
        assertThat(first.key()).hasSize(32).isEqualTo(second.key());
        assertThat(stored).doesNotContain(Base64.getEncoder().encodeToString(first.key()));
    }

    @Test
    void aKeyStoredInClearIsSealedAndSessionsItSignedStayValid() throws Exception {
        byte[] clearKey = Secrets.randomBytes(32);
        String clear = Base64.getEncoder().encodeToString(clearKey);
        User user = user();
        String session = new JwtIssuer(clearKey).issue(user, now).token();

        SecretBox box = box(Secrets.randomBytes(32));
        JwtKeyAtRest.Loaded loaded = JwtKeyAtRest.load(clear, box);
        assertThat(loaded.replacement()).as("re-sealed for storage").isNotNull().doesNotContain(clear);
        assertThat(SecretBox.isSealed(loaded.replacement())).isTrue();
        assertThat(new JwtIssuer(loaded.key()).verify(session, now.plusSeconds(60))).isPresent();
        assertThat(JwtKeyAtRest.load(loaded.replacement(), box).key()).isEqualTo(clearKey);
    }

    @Test
    void aSealedKeyMovedToAnotherSettingOrInstallationDoesNotOpen() throws Exception {
        byte[] installationKey = Secrets.randomBytes(32);
        SecretBox box = box(installationKey);
        String stored = JwtKeyAtRest.newSealed(box);
        byte[] original = JwtKeyAtRest.load(stored, box).key();

        SecretBox otherInstallation = box(Secrets.randomBytes(32));
        JwtKeyAtRest.Loaded reloaded = JwtKeyAtRest.load(stored, otherInstallation);
        assertThat(reloaded.key()).as("a fresh key, not the unreadable one").isNotEqualTo(original);
        assertThat(reloaded.replacement()).isNotNull();
        assertThat(JwtKeyAtRest.load(reloaded.replacement(), otherInstallation).key()).isEqualTo(reloaded.key());

        String copiedFromChannel = box.seal(Base64.getEncoder().encodeToString(original), "channel-account:1:token");
        assertThat(JwtKeyAtRest.load(copiedFromChannel, box).key()).isNotEqualTo(original);
    }
}
