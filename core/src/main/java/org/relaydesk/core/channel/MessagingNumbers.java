package org.relaydesk.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relaydesk.api.channel.Capability;
import org.relaydesk.api.channel.ChannelException;
import org.relaydesk.core.access.RequiresRole;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.ChannelKind;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.team.Team;
import org.relaydesk.core.user.Role;

/**
 * A messaging kind's accounts (a workspace's WhatsApp numbers) as an admin checks on them: their
 * settings without secrets, what they received and sent today and what failed (from the request
 * log), their templates by approval, their last webhook; and a connection test through the plugin.
 */
@ApplicationScoped
public class MessagingNumbers {
    @Inject
    Tenancy tenancy;

    @Inject
    ChannelAccounts accounts;

    @Inject
    PluginHost plugins;

    /** Today: since midnight, server time. {@code templates}: approval (approved, pending, rejected, …) to how many. */
    public record NumberStatus(ChannelAccounts.AccountView account, String publicUrl, String teamName, long receivedToday, long sentToday,
            long failedToday, Map<String, Long> templates, Instant templatesSyncedAt, String templatesError, Instant lastWebhookAt,
            String lastWebhookOutcome, Integer lastWebhookStatus) {
        public long templateCount(String approval) {
            return templates.getOrDefault(approval, 0L);
        }
    }

    /** What a connection test found: whether the provider answered with the account's settings, and in words. */
    public record ConnectionTest(boolean ok, String detail) {
    }

    /** The workspace's accounts of {@code kind}, by name. */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public List<NumberStatus> numbers(String kind) {
        return accounts.list().stream().filter(view -> view.account().kind().equals(kind)).map(this::status).toList();
    }

    private NumberStatus status(ChannelAccounts.AccountView view) {
        UUID id = view.account().id();
        String workspace = tenancy.workspaceId().toString();
        Object[] today = (Object[]) tenancy.sql("SELECT count(*) FILTER (WHERE direction = 'out' AND outcome = 'sent'), "
                        + "count(*) FILTER (WHERE outcome NOT IN ('accepted', 'sent')) FROM channel_requests WHERE workspace_id = CAST(?1 AS uuid) "
                        + "AND account_id = CAST(?2 AS uuid) AND at >= date_trunc('day', now())")
                .setParameter(1, workspace).setParameter(2, id.toString()).getSingleResult();
        // a message that opens a ticket is the ticket's description, not a row of messages: both count
        Number received = (Number) tenancy.sql("SELECT (SELECT count(*) FROM messages WHERE workspace_id = CAST(?1 AS uuid) "
                + "AND source_account_id = CAST(?2 AS uuid) AND author_type = 'CUSTOMER' AND created_at >= date_trunc('day', now())) "
                + "+ (SELECT count(*) FROM tickets WHERE workspace_id = CAST(?1 AS uuid) AND channel_account_id = CAST(?2 AS uuid) "
                + "AND created_at >= date_trunc('day', now()))").setParameter(1, workspace).setParameter(2, id.toString())
                .getSingleResult();
        Map<String, Long> templates = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> approvals = tenancy.sql("SELECT approval, count(*) FROM channel_templates WHERE workspace_id = CAST(?1 AS uuid) "
                + "AND account_id = CAST(?2 AS uuid) GROUP BY approval ORDER BY approval").setParameter(1, workspace).setParameter(2, id.toString())
                .getResultList();
        approvals.forEach(row -> templates.put(row[0].toString(), ((Number) row[1]).longValue()));
        Object[] synced = (Object[]) tenancy.sql("SELECT templates_synced_at, templates_error FROM channel_accounts WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, id.toString()).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> last = tenancy.sql("SELECT at, outcome, http_status FROM channel_requests WHERE account_id = CAST(?1 AS uuid) AND direction = 'in' "
                + "AND workspace_id = CAST(?2 AS uuid) ORDER BY at DESC LIMIT 1").setParameter(1, id.toString()).setParameter(2, workspace).getResultList();
        Object[] webhook = last.isEmpty() ? new Object[3] : last.get(0);
        UUID teamId = view.account().defaultTeamId();
        Team team = teamId == null ? null : tenancy.em().find(Team.class, teamId);
        String publicUrl = plugins.channelKind(view.account().kind()).filter(k -> k.capabilities().contains(Capability.INBOUND_HTTP))
                .map(k -> ChannelHttp.publicUrl(id)).orElse(null);
        return new NumberStatus(view, publicUrl, team == null ? null : team.name(), received.longValue(), ((Number) today[0]).longValue(),
                ((Number) today[1]).longValue(), templates, instant(synced[0]), (String) synced[1], instant(webhook[0]), (String) webhook[1],
                webhook[2] == null ? null : ((Number) webhook[2]).intValue());
    }

    /**
     * Asks the provider for the account's templates with its saved settings, through the plugin
     * guard (a plugin that hangs or throws is a failed test, not a failed page); nothing is stored.
     */
    @Transactional
    @RequiresRole(Role.ADMIN)
    public ConnectionTest testConnection(UUID accountId) {
        ChannelAccountRecord account = accounts.get(accountId);
        ChannelKind kind = plugins.channelKind(account.kind())
                .orElseThrow(() -> new InvalidInputException("account", "no enabled plugin offers '" + account.kind() + "'"));
        if (!kind.capabilities().contains(Capability.TEMPLATES)) {
            return new ConnectionTest(false, kind.name() + " has no connection test");
        }
        ChannelKind.Connector connector = null;
        try {
            connector = kind.connect(accounts.forConnector(accountId));
            int listed = connector.templates().size();
            return new ConnectionTest(true, "Connected: the provider accepted the settings and lists " + listed + (listed == 1 ? " template" : " templates"));
        } catch (ChannelException e) {
            return new ConnectionTest(false, "Not connected: " + org.relaydesk.core.net.ConnectionErrors.forAdmin(e, "Testing channel account " + accountId));
        } finally {
            if (connector != null) {
                connector.close();
            }
        }
    }

    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp t ? t.toInstant() : value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value;
    }
}
