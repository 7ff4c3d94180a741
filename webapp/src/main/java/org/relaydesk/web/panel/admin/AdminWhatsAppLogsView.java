package org.relaydesk.web.panel.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.core.channel.ChannelAccounts;
import org.relaydesk.core.channel.ChannelRequest;
import org.relaydesk.core.channel.ChannelRequestLog;
import org.relaydesk.core.channel.ChannelRequestStore;
import org.relaydesk.core.persistence.Ids;
import org.relaydesk.web.panel.PanelActions;

/**
 * /admin/whatsapp/logs: every webhook the workspace's WhatsApp numbers received (refused ones too)
 * and every send through them, newest first, found by phone or WhatsApp id, message id, outcome,
 * direction, number and time (UTC), a page at a time. A filter that makes no sense is said on the
 * page, and the last good result stays.
 */
@Named
@ViewScoped
public class AdminWhatsAppLogsView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 50;

    @Inject
    ChannelRequestLog log;

    @Inject
    ChannelAccounts accounts;

    private String accountId;
    private String direction;
    private String outcome;
    private String phone;
    private String messageId;
    private String from;
    private String to;
    private int page;
    private transient ChannelRequestStore.Page result;
    private transient Map<UUID, String> names;

    public List<ChannelAccounts.AccountView> getNumbers() {
        return accounts.list().stream().filter(v -> v.account().kind().equals(AdminWhatsAppView.KIND)).toList();
    }

    public List<String> getOutcomes() {
        return ChannelRequest.OUTCOMES;
    }

    public void search() {
        page = 0;
        result = null;
        run();
    }

    public void next() {
        if (getResult().more()) {
            page++;
            result = null;
            run();
        }
    }

    public void previous() {
        if (page > 0) {
            page--;
            result = null;
            run();
        }
    }

    public ChannelRequestStore.Page getResult() {
        if (result == null) {
            run();
        }
        return result == null ? new ChannelRequestStore.Page(List.of(), false) : result;
    }

    private void run() {
        names = null;
        Instant start;
        Instant end;
        try {
            start = instant(from);
            end = instant(to);
        } catch (DateTimeParseException e) {
            PanelActions.error("From and to are a date and time, e.g. 2026-12-05T09:30 (UTC)");
            result = new ChannelRequestStore.Page(List.of(), false);
            return;
        }
        UUID account = accountId == null || accountId.isBlank() ? null : Ids.parse(accountId).orElse(null);
        if (accountId != null && !accountId.isBlank() && (account == null || getNumbers().stream().noneMatch(v -> v.account().id().equals(account)))) {
            PanelActions.error("Number: there is no such WhatsApp number in this workspace");
            result = new ChannelRequestStore.Page(List.of(), false);
            return;
        }
        // only WhatsApp numbers' lines: without a number chosen, each of them
        List<UUID> numbers = account != null ? List.of(account) : getNumbers().stream().map(v -> v.account().id()).toList();
        var found = new java.util.concurrent.atomic.AtomicReference<ChannelRequestStore.Page>(new ChannelRequestStore.Page(List.of(), false));
        PanelActions.attempt(() -> found.set(log.search(new ChannelRequestStore.Filter(numbers, direction, outcome,
                phone, messageId, start, end), page, PAGE_SIZE)), null);
        result = found.get();
    }

    private static Instant instant(String typed) {
        return typed == null || typed.isBlank() ? null : LocalDateTime.parse(typed.trim()).toInstant(ZoneOffset.UTC);
    }

    /** Each line names its number: looked up once per request, not once per line. */
    public String name(UUID account) {
        if (names == null) {
            names = accounts.list().stream().collect(Collectors.toMap(v -> v.account().id(), v -> v.account().name(), (a, b) -> a));
        }
        return names.getOrDefault(account, "a removed number");
    }

    public String join(List<String> values) {
        return String.join(", ", values);
    }

    public int getPage() {
        return page;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String value) {
        this.accountId = value;
    }

    public String getDirection() {
        return direction;
    }

    public void setDirection(String value) {
        this.direction = value;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String value) {
        this.outcome = value;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String value) {
        this.phone = value;
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String value) {
        this.messageId = value;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String value) {
        this.from = value;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String value) {
        this.to = value;
    }
}
