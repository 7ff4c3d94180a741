package org.relaydesk.core.channel;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One line of a channel account's request log: a web request to its public address ({@code in}) or
 * one attempt to send through it ({@code out}). {@code outcome}: accepted, refused (a bad signature
 * or verify token), throttled, rejected (another 4xx), error (5xx) for requests; sent, retrying,
 * failed for sends. Addresses are kept as typed digits for phone numbers (search finds "+1 650…" as
 * "1650…"), lower case otherwise.
 */
public record ChannelRequest(UUID id, UUID workspaceId, UUID accountId, String direction, Instant at, String method, String path, Integer httpStatus,
        String outcome, List<String> messageIds, List<String> addresses, String errorCode, String error, int bodyBytes) {
    public static final String IN = "in";
    public static final String OUT = "out";
    public static final List<String> OUTCOMES = List.of("accepted", "refused", "throttled", "rejected", "error", "sent", "retrying", "failed");
    /** Enough to find a message again; a batch of hundreds keeps its first ones. */
    static final int MAX_IDS = 50;
    static final int MAX_ERROR = 2000;

    public ChannelRequest {
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds.subList(0, Math.min(MAX_IDS, messageIds.size())));
        addresses = addresses == null ? List.of() : addresses.stream().map(ChannelRequest::normalizedAddress).distinct().limit(MAX_IDS).toList();
        error = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    /** The outcome of a web request by the status it was answered with. */
    public static String outcomeOf(int status) {
        if (status < 400) {
            return "accepted";
        }
        return switch (status) {
            case 401, 403 -> "refused";
            case 429 -> "throttled";
            default -> status < 500 ? "rejected" : "error";
        };
    }

    public boolean failed() {
        return !"accepted".equals(outcome) && !"sent".equals(outcome);
    }

    /** "+1 (650) 555-1234" and "16505551234" are the same number; anything else (an email address) compares without case. */
    public static String normalizedAddress(String address) {
        String trimmed = address == null ? "" : address.trim();
        if (trimmed.matches("\\+?[0-9][0-9 ()./-]{2,40}")) {
            return trimmed.replaceAll("[^0-9]", "");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
