package org.relaydesk.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.relaydesk.core.plugin.PluginHost;

/**
 * Each plugin's state (ok, failing, paused, disabled). Always up: a failing plugin degrades only
 * itself, so it is no reason to restart the server; the data shows which one needs attention.
 */
@Liveness
@ApplicationScoped
public class PluginsLiveness implements HealthCheck {
    @Inject
    PluginHost plugins;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("plugins").up();
        plugins.health().forEach(response::withData);
        return response.build();
    }
}
