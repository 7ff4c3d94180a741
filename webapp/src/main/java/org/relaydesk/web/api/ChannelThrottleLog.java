package org.relaydesk.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import org.relaydesk.core.channel.ChannelRequestLog;
import org.relaydesk.core.persistence.Ids;

/**
 * Puts a channel account's throttled requests into its request log: they are turned away before
 * the account's connector (and so ChannelHttp, which logs everything else) sees them. A 429 whose
 * entity is not the connector's own bytes is the host's refusal.
 */
@Provider
public class ChannelThrottleLog implements ContainerResponseFilter {
    @Inject
    ChannelRequestLog log;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 429 || response.getEntity() instanceof byte[]) {
            return;
        }
        List<String> segments = request.getUriInfo().getPathSegments().stream().map(s -> s.getPath()).toList();
        if (segments.size() < 3 || !segments.get(0).equals("public") || !segments.get(1).equals("channels")) {
            return;
        }
        UUID account = Ids.parse(segments.get(2)).orElse(null);
        if (account != null) {
            log.recordThrottled(account, request.getMethod(), String.join("/", segments.subList(3, segments.size())), 429);
        }
    }
}
