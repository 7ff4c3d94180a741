package org.relaydesk.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting an operator can give Relaydesk, declared once: its name, where it is read, whether
 * it is a secret, its default as the operator guide states it, and what it does. The launcher reads
 * them (conf file, then environment, then command line), hands the server's to the server, lists them
 * ({@code bin/relaydesk config}), and warns of a name it does not know; the operator guide's table is
 * generated from here ({@code bin/relaydesk config --markdown}; a test keeps the two the same); a test
 * checks that every {@code relaydesk.*} name the code reads is declared here.
 */
public enum Setting {
    DB_URL("relaydesk.db.url", Scope.LAUNCHER, false, "none (required by `start`)",
            "JDBC URL of the PostgreSQL 15+ database, `jdbc:postgresql://host:5432/relaydesk`"),
    DB_USER("relaydesk.db.user", Scope.LAUNCHER, false, "`relaydesk`",
            "database role"),
    DB_PASSWORD("relaydesk.db.password", Scope.LAUNCHER, true, "empty",
            "its password"),
    HTTP_PORT("relaydesk.http.port", Scope.LAUNCHER, false, "`8080`",
            "HTTP port. `--port N` overrides it"),
    HTTP_LISTEN("relaydesk.http.listen", Scope.LAUNCHER, false, "`127.0.0.1` for `start-dev`, `0.0.0.0` for `start`",
            "the address the HTTP port is bound to. `--listen ADDRESS` overrides it. Behind a reverse proxy on the same machine, `127.0.0.1`"),
    BASE_URL("relaydesk.base-url", Scope.BOTH, false, "`http://localhost:<port>`",
            "public URL, printed at start and used in every link Relaydesk emails (password links, customers' status-page links, rule notifications): set it to the address people reach"),
    ADMIN_EMAIL("relaydesk.admin.email", Scope.LAUNCHER, false, "`admin@example.com`",
            "first admin, created on an empty database only"),
    ADMIN_PASSWORD("relaydesk.admin.password", Scope.LAUNCHER, true, "generated and printed",
            "first admin's password (at least 10 characters)"),
    PROXY_TRUSTED("relaydesk.proxy.trusted", Scope.BOTH, false, "`false`",
            "`true` only behind a reverse proxy you control. Rate limits and sign-in throttles then use the last `X-Forwarded-For` entry, the one your proxy added (entries before it come from the client, who can write anything there). Your proxy must append the address it saw, not pass the client's header on unchecked"),
    CLUSTER_MEMBERS("relaydesk.cluster.members", Scope.BOTH, false, "empty (one node)",
            "the cluster's nodes, each as `host:port` of its data-grid port (`relaydesk.cluster.port`), comma-separated, this node included, the same list on every node. Empty: this server runs alone. Nodes share the database, the secret key (`relaydesk.secret-key-file` or `relaydesk.secret-key`) and the plugins; live updates, presence and the chat desk then reach every node. The data grid has no authentication of its own: its port must be reachable by the other nodes only (operator guide, Cluster)"),
    CLUSTER_PORT("relaydesk.cluster.port", Scope.LAUNCHER, false, "`6900`",
            "this node's data-grid port (TCP), when `relaydesk.cluster.members` is set"),
    CLUSTER_INTERFACE("relaydesk.cluster.interface", Scope.LAUNCHER, false, "the address of this machine that `relaydesk.cluster.members` lists with this node's port",
            "the address the data grid binds to, and only to: the private network's, never a public one. Required when the members list names hosts, or no address of this machine with this node's port"),
    CLUSTER_NAME("relaydesk.cluster.name", Scope.LAUNCHER, false, "`relaydesk`",
            "the cluster's name: nodes join only a cluster of their own name (keeps two installations on one network apart; it is not a password)"),
    REMOTE_IMAGES_ALLOW_PRIVATE_ADDRESSES("relaydesk.remote-images.allow-private-addresses", Scope.SERVER, false, "`false`",
            "let \"Load images\" fetch images from private network addresses (an intranet); by default only public addresses"),
    PUBLIC_WRITES_PER_10_MINUTES("relaydesk.public.writes-per-10-minutes", Scope.SERVER, false, "`10`",
            "customer portal submissions and look-ups, and posts to channels' public addresses (web forms), per client address per 10 minutes"),
    PUBLIC_REFUSED_WEBHOOKS_PER_10_MINUTES("relaydesk.public.refused-webhooks-per-10-minutes", Scope.SERVER, false, "`20`",
            "posts to a messaging channel's public address (WhatsApp webhooks) that the channel refused (bad signature, unreadable body, too large), per client address and channel account per 10 minutes; the provider's accepted webhooks are not counted, nor are posts answered 503 because the server was busy"),
    PUBLIC_CHANNEL_POSTS_IN_FLIGHT_PER_ADDRESS("relaydesk.public.channel-posts-in-flight-per-address", Scope.SERVER, false, "`64`",
            "posts to channels' public addresses (web forms, WhatsApp webhooks) one client address may have in flight at once; more are answered 503 before their body is read"),
    PUBLIC_CHANNEL_POSTS_IN_FLIGHT_MB("relaydesk.public.channel-posts-in-flight-mb", Scope.SERVER, false, "`96`",
            "memory all posts to channels' public addresses being received may reserve together (each its declared length, else 3 MB for a webhook and 30 MB for a form); more are answered 503"),
    PUBLIC_READS_PER_MINUTE("relaydesk.public.reads-per-minute", Scope.SERVER, false, "`120`",
            "customer portal views, replies and ratings, and other requests to channels' public addresses (loading a web form), per client address per minute"),
    SECRET_KEY_FILE("relaydesk.secret-key-file", Scope.BOTH, false, "`conf/secret.key`",
            "the key that encrypts stored secrets (mailbox passwords, plugin settings). Made on the first start if missing; back it up with the database"),
    PLUGINS_DIR("relaydesk.plugins.dir", Scope.BOTH, false, "`plugins/` of the installation",
            "the folder plugin jars are loaded from at start"),
    PLUGINS_CALL_TIMEOUT_SECONDS("relaydesk.plugins.call-timeout-seconds", Scope.SERVER, false, "`5`",
            "how long a call into a plugin may take before it counts as failed"),
    PLUGINS_WEB_REQUEST_CALLS_PER_ACCOUNT("relaydesk.plugins.web-request-calls-per-account", Scope.SERVER, false, "`64`",
            "web requests to one channel account's public address (WhatsApp webhooks, form posts) its plugin may be answering at once; more are answered 503 (the provider retries). A lane of its own: the account's filing and sending have their own 16 places"),
    ASSIST_TRIAGE_SECONDS("relaydesk.assist.triage-seconds", Scope.SERVER, false, "`5`",
            "how often the assistant (when enabled) reads tickets filed since its last look (triage on arrival)"),
    ASSIST_LEARN_MINUTES("relaydesk.assist.learn-minutes", Scope.SERVER, false, "`60`",
            "how often the assistant learns every workspace's articles and solved tickets again (it also does so, at most every ten minutes, for a workspace in use)"),
    REMINDERS_CHECK_SECONDS("relaydesk.reminders.check-seconds", Scope.SERVER, false, "`60`",
            "how often follow-ups that came due bring their tickets back"),
    PLUGINS_UPLOAD_ENABLED("relaydesk.plugins.upload-enabled", Scope.SERVER, false, "`false`",
            "`true` lets the system administrator upload plugin jars on `/admin/plugins` and `POST /api/plugins`. Off, uploads are refused (`403`) and plugins are installed through the folder. See [Plugins and your server's rights](#plugins-and-your-servers-rights)"),
    PLUGINS_ALLOWED_SHA256("relaydesk.plugins.allowed-sha256", Scope.SERVER, false, "none (every jar loads)",
            "comma-separated SHA-256 checksums: when set, only jars with one of them load, from the folder or an upload; others are skipped at start (with a warning in the log) and refused on upload (`403`)"),
    CHANNELS_SENDER_LIMIT_PER_HOUR("relaydesk.channels.sender-limit-per-hour", Scope.SERVER, false, "`30`",
            "messages one sender may have filed through one channel account per hour; more are set aside (retryable), which stops mail loops and floods"),
    CHANNELS_MESSAGING_SENDER_LIMIT_PER_HOUR("relaydesk.channels.messaging-sender-limit-per-hour", Scope.SERVER, false, "`300`",
            "the same for messaging channels (WhatsApp), where a customer writes a line, a photo, a reaction at a time and the provider proves the sender"),
    CHANNELS_INBOUND_WORKERS("relaydesk.channels.inbound-workers", Scope.SERVER, false, "`8`",
            "threads of this server that file stored inbound messages (mail, webhooks) at once; each sender's messages are still filed in the order they arrived. Filing waits mostly on the database and on media downloads, so more workers file more messages per second until the processors are busy (each holds one of the 48 database connections while it files)"),
    CHANNELS_REQUEST_LOG_DAYS("relaydesk.channels.request-log-days", Scope.SERVER, false, "`30`",
            "days the channel request log (every webhook and send of a channel account, shown on `/admin/whatsapp/logs`) keeps a line; it holds customers' numbers and message ids but no bodies, and is purged hourly"),
    OUTBOUND_ALLOW_PRIVATE_NETWORKS("relaydesk.outbound.allow-private-networks", Scope.SERVER, false, "`false`",
            "whether mailboxes (IMAP, SMTP), webhooks and plugins' HTTP calls may connect to loopback (127.0.0.1, localhost, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), link-local (169.254/16 with the cloud metadata service, fe80::/10) and reserved addresses. Off, such connections are refused (checked after name resolution, on every redirect, however the address is spelled), so an admin cannot make the server probe your internal network or cloud credentials. Set `true` only when a mail server or service Relaydesk must reach lives on such an address and you trust every admin with that network. On, webhooks may also use plain `http://`"),
    WEBHOOKS_RETRY_PAUSES("relaydesk.webhooks.retry-pauses", Scope.SERVER, false, "`30s,2m,10m,30m,1h,2h,4h,8h,12h`",
            "the pauses after a webhook delivery's 1st, 2nd… failed attempt (units s, m, h, d); after the last the delivery is dead. A malformed list keeps the default"),
    WEBHOOKS_LOG_DAYS("relaydesk.webhooks.log-days", Scope.SERVER, false, "`30`",
            "how long delivered and dead webhook deliveries (their bodies hold customers' data) and their attempts are kept"),
    WEBHOOKS_SWITCH_OFF_AFTER("relaydesk.webhooks.switch-off-after", Scope.SERVER, false, "`72h`",
            "how long a webhook may fail without one success before it is switched off and the admin who made it is told"),
    JAVA_OPTS("relaydesk.java.opts", Scope.LAUNCHER, false, "`-Xms64m -Xmx512m -XX:+UseG1GC -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:G1PeriodicGCInterval=30000 -XX:ReservedCodeCacheSize=96m -Xss512k`",
            "JVM options of the application server. The default suits a small desk on a 2 GB machine beside PostgreSQL (a 512 MB heap that G1 gives back when idle); a larger desk or busy messaging channels raise `-Xmx` (operator guide, Memory)"),
    LOG_FORMAT("relaydesk.log.format", Scope.LAUNCHER, false, "`text`",
            "the server log's format on standard output: `text` (one readable line per record) or `json` (one JSON object per record, with its time, level, logger, thread and message, for log collectors such as Loki, Elasticsearch or journald's JSON export)"),
    DATA("relaydesk.data", Scope.LAUNCHER, false, "`data`",
            "data directory (`RELAYDESK_DATA`)"),
    DEMO("relaydesk.demo", Scope.BOTH, false, "`true` for `start-dev`, `false` for `start`",
            "seed demo data on the first start"),
    CSAT_CHECK_SECONDS("relaydesk.csat.check-seconds", Scope.SERVER, false, "`60`",
            "how often satisfaction surveys that came due are sent, in seconds"),
    RETENTION_CHECK_SECONDS("relaydesk.retention.check-seconds", Scope.SERVER, false, "`3600`",
            "how often the workspaces' enabled retention policies are applied, in seconds"),
    CHAT_IDLE_MINUTES("relaydesk.chat.idle-minutes", Scope.SERVER, false, "`10`",
            "minutes a live chat's visitor may give no sign (no read, no line, no typing) before the chat ends as left by the visitor; its ticket stays open"),
    SECRET_KEY("relaydesk.secret-key", Scope.SERVER, true, "none (the key file is used)",
            "the key for stored secrets given directly (base64 of 32 bytes) instead of `relaydesk.secret-key-file`; a backup then cannot include it, so keep it yourself");

    /** Who reads a setting: the launcher (bin/relaydesk), the server, or both. */
    public enum Scope {
        LAUNCHER, SERVER, BOTH;

        public boolean server() {
            return this != LAUNCHER;
        }
    }

    private final String key;
    private final Scope scope;
    private final boolean secret;
    private final String documentedDefault;
    private final String description;

    Setting(String key, Scope scope, boolean secret, String documentedDefault, String description) {
        this.key = key;
        this.scope = scope;
        this.secret = secret;
        this.documentedDefault = documentedDefault;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public Scope scope() {
        return scope;
    }

    public boolean secret() {
        return secret;
    }

    /** The default in the operator guide's words (Markdown). */
    public String documentedDefault() {
        return documentedDefault;
    }

    /** What it does, in the operator guide's words (Markdown). */
    public String description() {
        return description;
    }

    /** relaydesk.db.url → RELAYDESK_DB_URL: MicroProfile Config's mapping, which the server applies too. */
    public String environmentVariable() {
        return environmentVariable(key);
    }

    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public static Optional<Setting> named(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** The operator guide's table of settings. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| setting | environment variable | default | meaning |\n|---|---|---|---|\n");
        for (Setting setting : values()) {
            table.append("| `").append(setting.key).append("` | `").append(setting.environmentVariable()).append("` | ")
                    .append(setting.documentedDefault).append(" | ").append(setting.secret ? "**secret** " : "").append(setting.description)
                    .append(" |\n");
        }
        return table.toString();
    }
}
