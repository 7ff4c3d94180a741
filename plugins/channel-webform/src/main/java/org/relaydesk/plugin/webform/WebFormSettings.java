package org.relaydesk.plugin.webform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.channel.ChannelException;

/** A form's settings, read once. */
record WebFormSettings(String title, String intro, List<String> allowedOrigins, int minSeconds, int perHour, int powBits, int maxFileMb,
        boolean confirmByEmail) {
    static final int MAX_FILE_MB = 10;

    static WebFormSettings of(ChannelAccount account) throws ChannelException {
        try {
            List<String> origins = account.get("allowed.origins") == null ? List.of()
                    : Arrays.stream(account.get("allowed.origins").split("[,\\s]+")).map(o -> o.trim().replaceAll("/+$", "").toLowerCase(Locale.ROOT))
                            .filter(o -> !o.isEmpty()).toList();
            for (String origin : origins) {
                if (!origin.matches("https?://[a-z0-9.-]+(:\\d{1,5})?")) {
                    throw new ChannelException("allowed.origins: " + origin + " is not an origin like https://www.example.com");
                }
            }
            return new WebFormSettings(account.get("form.title", "Contact support"),
                    account.get("form.intro", "Tell us what happened and we will get back to you by email."), origins,
                    Math.max(0, account.integer("min.seconds", 3)), Math.max(1, account.integer("per_hour", 5)),
                    Math.min(24, Math.max(0, account.integer("pow.bits", 0))), Math.min(MAX_FILE_MB, Math.max(1, account.integer("files.max_mb", 10))),
                    account.flag("confirm.email", true));
        } catch (NumberFormatException e) {
            throw new ChannelException("a number setting is not a number: " + e.getMessage());
        }
    }
}
