package org.relaydesk.web.startup;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

class StartupFailureTest {
    @Test
    void aRefusedFirstAdminIsNamedByTheSettingsTheOperatorSets() {
        String reason = StartupFailure.reason(new InvalidInputException("password", "must have at least 10 characters"));
        assertThat(reason).isEqualTo("Relaydesk cannot start, a setting was refused: relaydesk.admin.password (RELAYDESK_ADMIN_PASSWORD): "
                + "must have at least 10 characters");
    }

    @Test
    void aRefusalWrappedByTheContainerIsStillFoundAndOtherFailuresSayWhatFailed() {
        assertThat(StartupFailure.reason(new IllegalStateException("while creating the admin",
                new InvalidInputException("email", "must be an email address")))).endsWith("relaydesk.admin.email (RELAYDESK_ADMIN_EMAIL): must be an email address");
        assertThat(StartupFailure.reason(new PersistenceException("Connection refused"))).isEqualTo("Relaydesk cannot start, PersistenceException: Connection refused");
    }
}
