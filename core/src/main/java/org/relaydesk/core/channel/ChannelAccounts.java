package org.relaydesk.core.channel;

import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.ticket.Category;

/**
 * A workspace's channel accounts: checked against the settings their kind's plugin declares,
 * secrets sealed before they are stored and never given back (the API and the panel learn only
 * that one is set).
 */
@ApplicationScoped
public class ChannelAccounts {
    @Inject
    Tenancy tenancy;

    @Inject
    jakarta.enterprise.event.Event<ChannelAccountChanged> changed;

    @Inject
    org.relaydesk.core.access.Access access;

    @Inject
    PluginHost plugins;

    @Inject
    SecretBox secrets;

    /**
     * {@code config}: key to value; for a secret, null or blank keeps the stored one.
     * {@code autoReplies}: the account's automatic replies; null keeps them as they are (none for a new account).
     */
    public record AccountInput(String kind, String name, Boolean enabled, Map<String, String> config, UUID defaultTeamId, UUID defaultCategoryId,
            String defaultPriority, AutoReplySettings autoReplies) {
        /** Without a word about automatic replies. */
        public AccountInput(String kind, String name, Boolean enabled, Map<String, String> config, UUID defaultTeamId, UUID defaultCategoryId,
                String defaultPriority) {
            this(kind, name, enabled, config, defaultTeamId, defaultCategoryId, defaultPriority, null);
        }
    }

    /** An account as staff may see it: its settings without the secrets, and which secrets are set. */
    public record AccountView(ChannelAccountRecord account, Map<String, String> config, Set<String> secretsSet, boolean kindAvailable) {
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<AccountView> list() {
        return tenancy.em().createQuery("SELECT a FROM ChannelAccountRecord a ORDER BY a.name", ChannelAccountRecord.class).getResultStream()
                .map(this::view).toList();
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public AccountView view(UUID id) {
        return view(get(id));
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public AccountView create(AccountInput input) {
        ChannelKind kind = requireKind(input.kind());
        ChannelAccountRecord account = new ChannelAccountRecord(kind.kind());
        define(account, kind, input, Map.of());
        account.savedBy(savedBySystemAdmin());
        tenancy.em().persist(account);
        audited(org.relaydesk.core.audit.AuditAction.CHANNEL_CHANGED, "channel_account", account.id(), account.name(), account.kind() + " created" + (account.enabled() ? "" : ", off"));
        return view(account);
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public AccountView update(UUID id, AccountInput input) {
        ChannelAccountRecord account = get(id);
        if (input.kind() != null && !input.kind().equals(account.kind())) {
            throw new InvalidInputException("kind", "cannot change; make a new account instead");
        }
        ChannelKind kind = requireKind(account.kind());
        define(account, kind, input, stored(account));
        account.savedBy(savedBySystemAdmin());
        changed.fire(new ChannelAccountChanged(id));
        // its settings are named in no entry: some are secrets
        audited(org.relaydesk.core.audit.AuditAction.CHANNEL_CHANGED, "channel_account", id, account.name(), account.kind() + " updated" + (account.enabled() ? "" : ", off"));
        return view(account);
    }

    private boolean savedBySystemAdmin() {
        return access.systemWork() || access.current().map(org.relaydesk.core.user.AuthenticatedUser::systemAdmin).orElse(false);
    }

    @Transactional
    @RequiresRole(Role.ADMIN)
    public void delete(UUID id) {
        ChannelAccountRecord account = get(id);
        // the row lock holds off a webhook's INSERT (its foreign key waits on it) between the count and the delete,
        // which would otherwise take an acknowledged, unfiled message with it
        tenancy.em().lock(account, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        long waiting = ((Number) tenancy.sql("SELECT count(*) FROM inbound_messages WHERE account_id = CAST(?1 AS uuid) AND status = 'pending'")
                .setParameter(1, id.toString()).getSingleResult()).longValue();
        if (waiting > 0) {
            throw new org.relaydesk.core.error.ConflictException(account.name() + " still has " + waiting + (waiting == 1 ? " received message" : " received messages")
                    + " waiting to be filed, which deleting it would lose. Switch it off instead, or delete it once they are filed.");
        }
        // its tickets stay, with their history; they lose only the way back through this account
        tenancy.em().remove(account);
        changed.fire(new ChannelAccountChanged(id));
        audited(org.relaydesk.core.audit.AuditAction.CHANNEL_CHANGED, "channel_account", id, account.name(), account.kind() + " deleted");
    }

    /** The account as its connector gets it: every setting, secrets in clear. */
    @Transactional
    public ChannelAccount forConnector(UUID id) {
        ChannelAccountRecord account = get(id);
        Map<String, String> config = new LinkedHashMap<>();
        stored(account).forEach((key, value) -> config.put(key, SecretBox.isSealed(value) ? secrets.open(value, bound(account, key)) : value));
        return new ChannelAccount(account.id(), account.kind(), account.name(), config);
    }

    /** For a watcher's own thread, which has no request: the account as its connector gets it. */
    @jakarta.enterprise.context.control.ActivateRequestContext
    @Transactional
    public ChannelAccount forConnector(UUID workspaceId, UUID id) {
        tenancy.actAs(workspaceId);
        return forConnector(id);
    }

    /** For a watcher's own thread: when the account was last fetched, and what went wrong, if anything. */
    @jakarta.enterprise.context.control.ActivateRequestContext
    @Transactional
    public void fetched(UUID workspaceId, UUID id, java.time.Instant at, String error) {
        tenancy.actAs(workspaceId);
        fetched(id, at, error);
    }

    @Transactional
    public void fetched(UUID id, java.time.Instant at, String error) {
        ChannelAccountRecord account = tenancy.em().find(ChannelAccountRecord.class, id);
        if (account != null) {
            account.fetched(at, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error);
        }
    }

    ChannelAccountRecord get(UUID id) {
        ChannelAccountRecord account = id == null ? null : tenancy.em().find(ChannelAccountRecord.class, id);
        if (account == null) {
            throw new NotFoundException("Channel account");
        }
        return account;
    }

    private void define(ChannelAccountRecord account, ChannelKind kind, AccountInput input, Map<String, String> before) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String name = input.name() == null ? account.name() : input.name().trim();
        errors.check(name != null && !name.isEmpty() && name.length() <= 100, "name", "is required (at most 100 characters)")
                .check(input.defaultPriority() == null || input.defaultPriority().isBlank() || TicketPriority.fromApiName(input.defaultPriority()).isPresent(),
                        "default_priority", "must be one of low, medium, high, urgent, critical")
                .check(input.defaultTeamId() == null || tenancy.em().find(Team.class, input.defaultTeamId()) != null, "default_team_id", "no such team")
                .check(input.defaultCategoryId() == null || tenancy.em().find(Category.class, input.defaultCategoryId()) != null, "default_category_id",
                        "no such category");
        AutoReplySettings replies = input.autoReplies();
        if (replies != null) {
            checkAutoReplies(replies, errors);
        }
        Map<String, String> result = org.relaydesk.core.plugin.Settings.merge(kind.fields(), input.config(), before,
                (key, value) -> secrets.seal(value, bound(account, key)), errors, "config.", kind.name());
        errors.throwIfAny();
        boolean taken = !tenancy.em().createQuery("SELECT a FROM ChannelAccountRecord a WHERE a.name = :n AND a.id <> :id", ChannelAccountRecord.class)
                .setParameter("n", name).setParameter("id", account.id()).getResultList().isEmpty();
        if (taken) {
            throw new ConflictException("There is already a channel account named '" + name + "'");
        }
        account.define(name, input.enabled() == null ? account.enabled() : input.enabled(), org.relaydesk.core.plugin.Settings.json(result),
                input.defaultTeamId(), input.defaultCategoryId(),
                input.defaultPriority() == null || input.defaultPriority().isBlank() ? null : input.defaultPriority().trim().toLowerCase(java.util.Locale.ROOT));
        if (replies != null) {
            account.answerWith(replies);
        }
    }

    private void checkAutoReplies(AutoReplySettings replies, InvalidInputException.Collector errors) {
        String limit = "at most " + AutoReplySettings.MAX_TEXT + " characters";
        errors.check(replies.acknowledgement() == null || replies.acknowledgement().length() <= AutoReplySettings.MAX_TEXT,
                        "auto_replies.acknowledgement_message", limit)
                .check(replies.away() == null || replies.away().length() <= AutoReplySettings.MAX_TEXT, "auto_replies.away_message", limit)
                .check(replies.away() == null || replies.calendarId() != null, "auto_replies.business_calendar_id",
                        "is required for an away message: the business hours it is away from")
                .check(replies.calendarId() == null || tenancy.em().find(org.relaydesk.core.sla.BusinessHours.class, replies.calendarId()) != null,
                        "auto_replies.business_calendar_id", "no such business calendar")
                .check(replies.intervalHours() >= 1 && replies.intervalHours() <= AutoReplySettings.MAX_INTERVAL_HOURS,
                        "auto_replies.interval_hours", "must be between 1 and " + AutoReplySettings.MAX_INTERVAL_HOURS + " hours");
    }

    private AccountView view(ChannelAccountRecord account) {
        java.util.Optional<ChannelKind> kind = plugins.channelKind(account.kind());
        var shown = org.relaydesk.core.plugin.Settings.view(kind.map(ChannelKind::fields).orElse(List.of()), stored(account));
        return new AccountView(account, shown.visible(), shown.secretsSet(), kind.isPresent());
    }

    private static Map<String, String> stored(ChannelAccountRecord account) {
        return org.relaydesk.core.plugin.Settings.parse(account.configJson());
    }

    /** A sealed value belongs to one setting of one account. */
    private static String bound(ChannelAccountRecord account, String key) {
        return "channel-account:" + account.id() + ":" + key;
    }

    private ChannelKind requireKind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw new InvalidInputException("kind", "is required (" + available() + ")");
        }
        return plugins.channelKind(kind.trim()).orElseThrow(() -> new InvalidInputException("kind",
                "no enabled plugin offers the channel '" + kind + "' (" + available() + ")"));
    }

    private String available() {
        List<String> kinds = plugins.channelKinds().stream().map(ChannelKind::kind).toList();
        return kinds.isEmpty() ? "no channel plugin is enabled" : "available: " + String.join(", ", kinds);
    }

    @Inject
    jakarta.enterprise.event.Event<org.relaydesk.core.audit.Audited> audit;

    private void audited(org.relaydesk.core.audit.AuditAction action, String type, Object id, String label, String what) {
        audit.fire(org.relaydesk.core.audit.Audited.of(tenancy.workspaceId(), action, type, id, label).changed(null, what));
    }
}
