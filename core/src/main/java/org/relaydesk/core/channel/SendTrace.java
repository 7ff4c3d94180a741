package org.relaydesk.core.channel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relaydesk.core.outbox.OutboxDeliverer.DeliveryFailed;
import org.relaydesk.core.persistence.Ids;

/** One attempt to send through an account, for the request log: to whom, and the provider's id or its refusal. */
final class SendTrace {
    /** How a provider's refusal names its HTTP status and its own code ("(#131047) … (HTTP 400, …)"), when it does. */
    private static final Pattern HTTP_STATUS = Pattern.compile("\\(HTTP (\\d{3})\\b");
    private static final Pattern PROVIDER_CODE = Pattern.compile("\\(#(\\d+(?:/\\d+)?)\\)");

    private final UUID workspaceId;
    private final UUID accountId;
    private final Instant at;
    private String to;

    SendTrace(UUID workspaceId, UUID accountId, Instant at) {
        this.workspaceId = workspaceId;
        this.accountId = accountId;
        this.at = at;
    }

    void to(String address) {
        this.to = address;
    }

    ChannelRequest sent(String externalId) {
        return line("sent", externalId == null ? List.of() : List.of(externalId), null, null, null);
    }

    ChannelRequest failed(DeliveryFailed failure) {
        String reason = failure.getMessage();
        Matcher status = reason == null ? null : HTTP_STATUS.matcher(reason);
        Matcher code = reason == null ? null : PROVIDER_CODE.matcher(reason);
        return line(failure.permanent() ? "failed" : "retrying", List.of(), status != null && status.find() ? Integer.valueOf(status.group(1)) : null,
                code != null && code.find() ? code.group(1) : null, reason);
    }

    private ChannelRequest line(String outcome, List<String> messageIds, Integer httpStatus, String errorCode, String error) {
        return new ChannelRequest(Ids.newId(), workspaceId, accountId, ChannelRequest.OUT, at, "send", null, httpStatus, outcome, messageIds,
                to == null ? List.of() : List.of(to), errorCode, error, 0);
    }
}
