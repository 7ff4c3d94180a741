package org.relaydesk.web.panel.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.relaydesk.core.channel.MessagingNumbers;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/whatsapp and /admin/whatsapp/numbers: the workspace's WhatsApp numbers with their state,
 * today's traffic, templates by approval and the webhook to paste into Meta's dashboard; and a
 * connection test for a number.
 */
@Named
@RequestScoped
public class AdminWhatsAppView {
    /** The WhatsApp plugin's channel kind. */
    public static final String KIND = "whatsapp";
    /** Where the WhatsApp plugin takes Meta's webhooks, under the number's public address. */
    static final String WEBHOOK_PATH = "webhook";

    @Inject
    MessagingNumbers messaging;

    @Inject
    PluginHost plugins;

    private List<MessagingNumbers.NumberStatus> numbers;
    private MessagingNumbers.ConnectionTest lastTest;

    public boolean isPluginEnabled() {
        return plugins.channelKind(KIND).isPresent();
    }

    public List<MessagingNumbers.NumberStatus> getNumbers() {
        if (numbers == null) {
            numbers = messaging.numbers(KIND);
        }
        return numbers;
    }

    public long getReceivedToday() {
        return getNumbers().stream().mapToLong(MessagingNumbers.NumberStatus::receivedToday).sum();
    }

    public long getSentToday() {
        return getNumbers().stream().mapToLong(MessagingNumbers.NumberStatus::sentToday).sum();
    }

    public long getFailedToday() {
        return getNumbers().stream().mapToLong(MessagingNumbers.NumberStatus::failedToday).sum();
    }

    public long templates(String approval) {
        return getNumbers().stream().mapToLong(n -> n.templateCount(approval)).sum();
    }

    /** Anything Meta's review has not approved, pending or turned down (paused, disabled) counts as not usable. */
    public long getTemplatesNotApproved() {
        return getNumbers().stream().flatMap(n -> n.templates().entrySet().stream()).filter(e -> !e.getKey().equals("approved") && !e.getKey().equals("pending"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    public String webhookUrl(MessagingNumbers.NumberStatus number) {
        return number.publicUrl() == null ? null : number.publicUrl() + WEBHOOK_PATH;
    }

    /** The number's state in words: off, working, an error, or waiting for its first webhook. */
    public String state(MessagingNumbers.NumberStatus number) {
        var account = number.account().account();
        if (!account.enabled()) {
            return "Off";
        }
        if (!number.account().kindAvailable()) {
            return "Plugin off";
        }
        if ("error".equals(account.status()) || number.templatesError() != null) {
            return "Error";
        }
        return number.lastWebhookAt() == null ? "Waiting for the first webhook" : "Working";
    }

    public String setting(MessagingNumbers.NumberStatus number, String key) {
        return number.account().config().get(key);
    }

    /** Asks Meta (through the plugin) with the number's saved settings; the answer shows as the page's message. */
    public void test(String accountId) {
        java.util.Optional<java.util.UUID> id = org.relaydesk.core.persistence.Ids.parse(accountId);
        if (id.isEmpty()) {
            PanelActions.error("No such number");
            return;
        }
        lastTest = null;
        PanelActions.attempt(() -> lastTest = messaging.testConnection(id.get()), null);
        if (lastTest != null && lastTest.ok()) {
            PanelActions.info(lastTest.detail());
        } else if (lastTest != null) {
            PanelActions.error(lastTest.detail());
        }
    }
}
