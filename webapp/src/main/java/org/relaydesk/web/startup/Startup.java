package org.relaydesk.web.startup;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.relaydesk.core.persistence.SchemaMigrator;

/**
 * Runs before the first request: migrates the schema, then creates the bootstrap admin (and the
 * demo data in start-dev) on an empty installation, loads the plugins and starts the background jobs.
 */
@ApplicationScoped
public class Startup {
    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Resource(lookup = "java:app/jdbc/relaydesk")
    DataSource dataSource;

    @Inject
    Bootstrap bootstrap;

    @Inject
    JobScheduler jobs;

    @Inject
    org.relaydesk.core.plugin.PluginHost plugins;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        try {
            long started = System.nanoTime();
            SchemaMigrator.migrate(dataSource);
            LOG.info(() -> "Database schema up to date in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            bootstrap.ensureAdmin();
            plugins.start();
            jobs.start();
        } catch (RuntimeException e) {
            StartupFailure.stop(e);
        }
    }
}
