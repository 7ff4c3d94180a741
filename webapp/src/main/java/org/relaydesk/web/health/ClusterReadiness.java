package org.relaydesk.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalInt;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.relaydesk.web.cluster.ClusterRelay;

/**
 * How many nodes this one sees in its cluster, for operators and load balancers' dashboards. Always up:
 * a node that lost its peers still serves its own pages from the shared database; only live updates from
 * the others stop reaching them. "unavailable" says that a cluster is configured but this node's data grid
 * could not be reached.
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {
    @Inject
    ClusterRelay relay;

    @Override
    public HealthCheckResponse call() {
        OptionalInt members = relay.members();
        return HealthCheckResponse.named("cluster").up().withData("mode", relay.mode().name().toLowerCase(java.util.Locale.ROOT))
                .withData("members", members.orElse(1)).build();
    }
}
