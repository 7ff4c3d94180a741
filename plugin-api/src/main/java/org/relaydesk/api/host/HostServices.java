package org.relaydesk.api.host;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * What the host offers a plugin for its whole life, given to its {@link PluginLifecycle} when it
 * starts: a key-value store of its own, an HTTP client with time limits, the clock, and look-ups of
 * tickets and contacts. Thread-safe; usable from any of the plugin's calls. Since 1.1.
 */
public interface HostServices {
    /** The plugin's settings as the administrator last saved them (secrets in clear), read anew at each call. */
    java.util.Map<String, String> settings();

    /** Values kept for this plugin (not shared with any other), surviving restarts and shared by the nodes of a cluster. */
    KeyValueStore store();

    /**
     * Requests to other services, each with a time limit; answers larger than 10 MB are refused
     * ({@link AnswerTooLargeException}, since 1.3), and so are addresses the host's {@link #network()}
     * rule does not allow (checked on every redirect too). A request with an Authorization or Cookie
     * header follows no redirect to another host: its answer is the redirect.
     */
    HttpClient http();

    /**
     * Where the plugin may connect, for connections it opens itself (a mail server, a database).
     * Since 1.2; every host from 1.2 on implements it.
     */
    default OutboundNetwork network() {
        throw new UnsupportedOperationException("this host predates plugin API 1.2 and offers no network rule");
    }

    /**
     * The workspace's articles, solved tickets and names, for an assistant to learn from. Since 1.4;
     * every host from 1.4 on implements it.
     */
    default org.relaydesk.api.assist.KnowledgeSource knowledge() {
        throw new UnsupportedOperationException("this host predates plugin API 1.4 and offers no knowledge source");
    }

    /** The host's clock (tests may set it; use it rather than the system's). */
    Clock clock();

    /** The ticket a message with this external id (an email's Message-ID, a chat's thread id) belongs to, in the workspace. */
    Optional<TicketRef> ticketByExternalReference(UUID workspaceId, String externalId);

    /** The contact with this identity ({@code kind}: email, phone, ...), in the workspace. */
    Optional<ContactRef> contactByIdentity(UUID workspaceId, String kind, String value);

    /** A ticket as plugins see it: its id, its number as customers see it ("#1001"), subject and status (the API's name, e.g. "open"). */
    record TicketRef(UUID id, String number, String subject, String status) {
    }

    /** A contact: its id, name and primary email (may be null). */
    record ContactRef(UUID id, String name, String email) {
    }
}
