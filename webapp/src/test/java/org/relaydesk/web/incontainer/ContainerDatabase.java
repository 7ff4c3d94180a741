package org.relaydesk.web.incontainer;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.relaydesk.testing.TestDatabase;

/**
 * Gives the in-container tests a fresh database. Arquillian starts Payara Micro before the first
 * test class runs and reads its JVM options from the system property payara.cmdOptions, so the
 * database must exist, and the property be set, before any test: a launcher session is that
 * moment. Only failsafe runs (which name the WAR to deploy) need it; unit test runs skip it.
 */
public final class ContainerDatabase implements LauncherSessionListener {
    private TestDatabase database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("relaydesk.war") == null) {
            return;
        }
        java.nio.file.Path plugins;
        try {
            database = TestDatabase.create();
            plugins = MessagingTestPlugin.folder();
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the in-container test database", e);
        }
        System.setProperty("payara.cmdOptions", String.join(" ",
                "-Xmx768m",
                // as the end-to-end tests' servers: each test class boots its own server for under a minute, where the
                // optimising compiler would spend more processor time than it saves
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Drelaydesk.db.url=" + database.url(),
                "-Drelaydesk.db.user=" + database.user(),
                "-Drelaydesk.db.password=",
                "-Drelaydesk.admin.email=root@incontainer.test",
                "-Drelaydesk.admin.password=in-container-admin",
                // the messaging test channel (installed, off until a test enables it)
                "-Drelaydesk.plugins.dir=" + plugins));
        System.setProperty("relaydesk.test.db.url", database.url());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (database != null) {
            try {
                database.close();
            } catch (Exception e) {
                System.err.println("Could not drop the in-container test database: " + e.getMessage());
            }
        }
    }
}
