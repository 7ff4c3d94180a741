package org.relaydesk.web.startup;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first admin's email and password, taken once at start and left nowhere a plugin could read
 * them afterwards: the launcher's hand-over file is deleted as soon as it is read, and the system
 * properties relaydesk.admin.email / .password (as a server started by hand may pass them) are
 * cleared. This runs before any plugin starts.
 */
record FirstAdminCredentials(Optional<String> email, Optional<String> password) {
    private static final Logger LOG = Logger.getLogger(FirstAdminCredentials.class.getName());
    static final String EMAIL = "relaydesk.admin.email";
    static final String PASSWORD = "relaydesk.admin.password";

    /**
     * From the hand-over file when there is one (deleted, whatever happens), else from the
     * configuration; the system properties are cleared either way.
     */
    static FirstAdminCredentials take(Optional<Path> handOverFile, Function<String, Optional<String>> config) {
        try {
            if (handOverFile.isPresent() && Files.isRegularFile(handOverFile.get())) {
                Properties read = new Properties();
                try (Reader reader = Files.newBufferedReader(handOverFile.get(), StandardCharsets.UTF_8)) {
                    read.load(reader);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "The first admin's credentials in " + handOverFile.get() + " cannot be read", e);
                } finally {
                    delete(handOverFile.get());
                }
                return new FirstAdminCredentials(nonBlank(read.getProperty("email")), nonBlank(read.getProperty("password")));
            }
            return new FirstAdminCredentials(config.apply(EMAIL).flatMap(FirstAdminCredentials::nonBlank),
                    config.apply(PASSWORD).flatMap(FirstAdminCredentials::nonBlank));
        } finally {
            System.clearProperty(EMAIL);
            System.clearProperty(PASSWORD);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "The first admin's credentials file " + file + " could not be deleted; delete it by hand", e);
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        return "FirstAdminCredentials[" + email.orElse("(default)") + ", password " + (password.isPresent() ? "given" : "not given") + "]";
    }
}
