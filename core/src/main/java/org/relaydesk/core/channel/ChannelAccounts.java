package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.relaydesk.api.channel.ChannelAccount;
import org.relaydesk.api.plugin.ConfigField;
import org.relaydesk.api.ticket.TicketPriority;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.SecretBox;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.text.Jsonp;
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
    PluginHost plugins;

    @Inject
    SecretBox secrets;

    /** {@code config}: key to value; for a secret, null or blank keeps the stored one. */
    public record AccountInput(String kind, String name, Boolean enabled, Map<String, String> config, UUID defaultTeamId, UUID defaultCategoryId,
            String defaultPriority) {
    }

    /** An account as staff may see it: its settings without the secrets, and which secrets are set. */
    public record AccountView(ChannelAccountRecord account, Map<String, String> config, Set<String> secretsSet, boolean kindAvailable) {
    }

    @Transactional
    public List<AccountView> list() {
        return tenancy.em().createQuery("SELECT a FROM ChannelAccountRecord a ORDER BY a.name", ChannelAccountRecord.class).getResultStream()
                .map(this::view).toList();
    }

    @Transactional
    public AccountView view(UUID id) {
        return view(get(id));
    }

    @Transactional
    public AccountView create(AccountInput input) {
        ChannelKind kind = requireKind(input.kind());
        ChannelAccountRecord account = new ChannelAccountRecord(kind.kind());
        define(account, kind, input, Map.of());
        tenancy.em().persist(account);
        return view(account);
    }

    @Transactional
    public AccountView update(UUID id, AccountInput input) {
        ChannelAccountRecord account = get(id);
        if (input.kind() != null && !input.kind().equals(account.kind())) {
            throw new InvalidInputException("kind", "cannot change; make a new account instead");
        }
        ChannelKind kind = requireKind(account.kind());
        define(account, kind, input, stored(account));
        return view(account);
    }

    @Transactional
    public void delete(UUID id) {
        tenancy.em().remove(get(id));
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
        Map<String, String> given = input.config() == null ? Map.of() : input.config();
        Map<String, ConfigField> fields = kind.fields().stream().collect(Collectors.toMap(ConfigField::key, f -> f, (a, b) -> a, LinkedHashMap::new));
        given.keySet().stream().filter(k -> !fields.containsKey(k))
                .forEach(k -> errors.check(false, "config." + k, "is not a setting of " + kind.name() + " (" + String.join(", ", fields.keySet()) + ")"));
        Map<String, String> result = new LinkedHashMap<>();
        for (ConfigField field : fields.values()) {
            String value = given.containsKey(field.key()) ? given.get(field.key()) : null;
            boolean secret = field.type() == ConfigField.Type.SECRET;
            if ((value == null || value.isBlank()) && (secret || !given.containsKey(field.key())) && before.containsKey(field.key())) {
                result.put(field.key(), before.get(field.key())); // kept as stored (a secret stays sealed)
                continue;
            }
            String problem = field.problem(value);
            errors.check(problem == null, "config." + field.key(), problem);
            if (problem == null && value != null && !value.isBlank()) {
                result.put(field.key(), secret ? secrets.seal(value.trim(), bound(account, field.key())) : value.trim());
            }
        }
        errors.throwIfAny();
        boolean taken = !tenancy.em().createQuery("SELECT a FROM ChannelAccountRecord a WHERE a.name = :n AND a.id <> :id", ChannelAccountRecord.class)
                .setParameter("n", name).setParameter("id", account.id()).getResultList().isEmpty();
        if (taken) {
            throw new ConflictException("There is already a channel account named '" + name + "'");
        }
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        result.forEach(json::add);
        account.define(name, input.enabled() == null ? account.enabled() : input.enabled(), json.build().toString(),
                input.defaultTeamId(), input.defaultCategoryId(),
                input.defaultPriority() == null || input.defaultPriority().isBlank() ? null : input.defaultPriority().trim().toLowerCase(java.util.Locale.ROOT));
    }

    private AccountView view(ChannelAccountRecord account) {
        java.util.Optional<ChannelKind> kind = plugins.channelKind(account.kind());
        Set<String> secretKeys = kind.map(k -> k.fields().stream().filter(f -> f.type() == ConfigField.Type.SECRET).map(ConfigField::key)
                .collect(Collectors.toSet())).orElse(Set.of());
        Map<String, String> visible = new LinkedHashMap<>();
        Set<String> set = new java.util.TreeSet<>();
        stored(account).forEach((key, value) -> {
            if (SecretBox.isSealed(value) || secretKeys.contains(key)) {
                set.add(key);
            } else {
                visible.put(key, value);
            }
        });
        return new AccountView(account, visible, set, kind.isPresent());
    }

    private static Map<String, String> stored(ChannelAccountRecord account) {
        Map<String, String> values = new LinkedHashMap<>();
        try (var reader = Jsonp.createReader(account.configJson() == null ? "{}" : account.configJson())) {
            JsonObject json = reader.readObject();
            json.forEach((k, v) -> values.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
        }
        return values;
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
}
