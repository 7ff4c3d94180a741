package org.relaydesk.plugin.whatsapp;

import jakarta.json.JsonObject;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.api.channel.ChannelException.Failure;

/**
 * A Graph API error answer, {@code {"error":{"message","type","code","error_subcode","error_data":{"details"},"fbtrace_id"}}},
 * and what it means for the host: whether sending again can help. The classes follow Meta's error
 * code reference for the Cloud API.
 */
record GraphError(int httpStatus, int code, Integer subcode, String type, String message, String details, String traceId) {
    /** The error in the answer, or a stand-in naming the HTTP status when the body is not Meta's error shape. */
    static GraphError of(int httpStatus, byte[] body) {
        JsonObject error = Json.obj(Json.object(body), "error");
        if (error == null) {
            return new GraphError(httpStatus, -1, null, null, "HTTP " + httpStatus + " without a Graph API error", null, null);
        }
        Long code = Json.number(error, "code");
        Long subcode = Json.number(error, "error_subcode");
        return new GraphError(httpStatus, code == null ? -1 : code.intValue(), subcode == null ? null : subcode.intValue(), Json.text(error, "type"),
                Json.text(error, "message"), Json.text(Json.obj(error, "error_data"), "details"), Json.text(error, "fbtrace_id"));
    }

    Failure failure() {
        if (code == 131047) {
            return Failure.WINDOW_CLOSED; // re-engagement: more than 24 hours since the customer wrote
        }
        if (code == 131050) {
            return Failure.OPTED_OUT; // the customer stopped marketing messages from this business
        }
        if (code == 4 || code == 80007 || code == 130429 || code == 131048 || code == 131056
                || code == 131049) { // 131049: held back for "ecosystem engagement" (too many marketing messages); later may pass
            return Failure.RATE_LIMITED;
        }
        if (code == 0 || code == 3 || code == 10 || code == 190 || code >= 200 && code <= 299 || code == 131005 || httpStatus == 401) {
            return Failure.SIGN_IN_REFUSED;
        }
        if (code == 100 || code == 131008 || code == 131009 || code == 131021 || code == 131026 || code == 131051 || code == 131052
                || code == 131053 || code == 131031 || code == 133010 || code == 130472 || code >= 132000 && code <= 132069 || code == 135000) {
            return Failure.REFUSED;
        }
        if (httpStatus == 429) {
            return Failure.RATE_LIMITED;
        }
        return Failure.OTHER; // 1, 2, 131000, 131016, 5xx and anything new: a retry later may pass
    }

    /** "(#131047) Re-engagement message: More than 24 hours have passed… (HTTP 400, fbtrace_id …)", for administrators. */
    String describe() {
        StringBuilder text = new StringBuilder();
        if (code >= 0) {
            text.append("(#").append(code).append(subcode == null ? "" : "/" + subcode).append(") ");
        }
        text.append(message == null ? "no message" : message);
        if (details != null && !details.isBlank()) {
            text.append(": ").append(details);
        }
        text.append(" (HTTP ").append(httpStatus);
        if (traceId != null) {
            text.append(", fbtrace_id ").append(traceId);
        }
        return text.append(')').toString();
    }

    ChannelException exception(String what) {
        return new ChannelException(failure(), "WhatsApp refused " + what + ": " + describe(), null);
    }
}
