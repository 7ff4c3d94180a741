package org.relaydesk.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relaydesk.api.plugin.ConfigField;
import org.relaydesk.api.plugin.ConfigField.Type;
import org.relaydesk.core.error.InvalidInputException;

/** A stored secret is sent only where it was entered for: changing any other setting of the plugin asks for every stored secret again. */
class SettingsTest {
    private static final List<ConfigField> MAILBOX = List.of(ConfigField.required("imap.host", "IMAP server", Type.TEXT),
            ConfigField.optional("imap.port", "IMAP port", Type.NUMBER, "993"), ConfigField.select("imap.security", "Security", "ssl", List.of("ssl", "none")),
            ConfigField.required("imap.username", "User", Type.TEXT), ConfigField.required("imap.password", "Password", Type.SECRET),
            ConfigField.optional("smtp.password", "SMTP password", Type.SECRET, null), ConfigField.optional("folder", "Folder", Type.TEXT, "INBOX"));
    private static final Map<String, String> STORED = Map.of("imap.host", "imap.example.com", "imap.security", "ssl", "imap.username", "desk",
            "imap.password", "sealed:old", "smtp.password", "sealed:smtp");

    private static Map<String, String> update(Map<String, String> given) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        Map<String, String> result = Settings.merge(MAILBOX, given, STORED, (key, value) -> "sealed:" + value, errors, "config.", "email");
        errors.throwIfAny();
        return result;
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aNewHostWithoutThePasswordIsRefusedNamingEverySecretAndNothingIsKept() {
        assertThatThrownBy(() -> update(with("imap.host", "attacker.example", "imap.password", "")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.fieldErrors()).containsOnlyKeys("config.imap.password", "config.smtp.password");
                    assertThat(e.fieldErrors().get("config.imap.password")).contains("imap.host").contains("entered again");
                });
    }

    @Test
    void aNewPortSecurityModeOrUserNameAsksForTheSecretsToo() {
        for (Map<String, String> change : List.of(with("imap.port", "1993"), with("imap.security", "none"), with("imap.username", "other"),
                with("folder", "Elsewhere"))) {
            assertThatThrownBy(() -> update(change)).as(change.toString()).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.fieldErrors()).containsKey("config.imap.password"));
        }
    }

    @Test
    void givingOnlyOneOfTwoStoredSecretsNamesTheOther() {
        assertThatThrownBy(() -> update(with("imap.host", "new.example", "imap.password", "fresh")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("config.smtp.password"));
    }

    @Test
    void aNewHostWithEverySecretGivenAgainIsSaved() {
        Map<String, String> saved = update(with("imap.host", "new.example", "imap.password", "fresh", "smtp.password", "fresh-smtp"));
        assertThat(saved).containsEntry("imap.host", "new.example").containsEntry("imap.password", "sealed:fresh")
                .containsEntry("smtp.password", "sealed:fresh-smtp");
    }

    @Test
    void unchangedSettingsKeepTheStoredSecrets() {
        Map<String, String> saved = update(with("imap.host", "imap.example.com", "imap.security", "ssl", "imap.username", "desk", "imap.password", ""));
        assertThat(saved).containsEntry("imap.password", "sealed:old").containsEntry("smtp.password", "sealed:smtp");
        // a default written out is no change
        assertThat(update(with("imap.port", "993", "folder", "INBOX"))).containsEntry("imap.password", "sealed:old");
        // leaving settings out keeps them
        assertThat(update(Map.of())).isEqualTo(STORED);
    }

    @Test
    void aFirstSaveHasNoStoredSecretToProtect() {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        Map<String, String> created = Settings.merge(MAILBOX, with("imap.host", "a.example", "imap.username", "u", "imap.password", "p"), Map.of(),
                (key, value) -> "sealed:" + value, errors, "config.", "email");
        assertThat(errors.hasErrors()).isFalse();
        assertThat(created).containsEntry("imap.password", "sealed:p");
    }
}
