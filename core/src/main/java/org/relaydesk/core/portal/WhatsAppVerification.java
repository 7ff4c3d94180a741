package org.relaydesk.core.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.TooManyRequestsException;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.plugin.PluginHost;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.user.RateLimiter;
import org.relaydesk.core.user.RateLimits;

/**
 * A signed-in portal customer adds a WhatsApp number to their contact by proving they hold it: a
 * six-digit code goes to the number on WhatsApp (through the workspace's WhatsApp account, via the
 * outbox) and comes back in the portal. Against abuse: requests are counted per customer and per
 * number (so nobody can flood a stranger's phone), guesses per request and per client, codes expire
 * and are single-use, and a request belongs to the customer who made it. Nothing tells whether a
 * number is anyone else's until it is proven. A proven number held by a contact that is only that
 * number (someone who wrote on WhatsApp, no portal account) is the customer's own: that contact is
 * merged into theirs ({@link ContactService#attachProvenNumber}). A number another customer record
 * holds with more than that is not taken from them (409 identity-taken, without naming them): the
 * support team joins the two.
 */
@ApplicationScoped
public class WhatsAppVerification {
    static final String OUTBOX_KIND = "portal.whatsapp_code";
    static final String CHANNEL_KIND = "whatsapp";
    /** Codes a customer may ask for per hour. */
    static final int PER_CUSTOMER_PER_HOUR = 5;
    /** Codes one number may receive per hour and per day, whoever asks. */
    static final int PER_NUMBER_PER_HOUR = 3;
    static final int PER_NUMBER_PER_DAY = 10;

    private RateLimiter requestsPerClient;
    private RateLimiter guessesPerClient;

    @Inject
    RateLimits limits;

    @Inject
    Tenancy tenancy;

    @Inject
    ContactService contacts;

    @Inject
    PluginHost plugins;

    Clock clock = Clock.systemUTC();

    @jakarta.annotation.PostConstruct
    void createLimits() {
        requestsPerClient = limits.limiter("whatsapp-code.requests.address", 20, Duration.ofHours(1), "Too many code requests from your network");
        guessesPerClient = limits.limiter("whatsapp-code.guesses.address", 30, Duration.ofMinutes(10), "Too many codes tried from your network");
    }

    /** Tests move time forward to see codes expire. */
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * What the profile page shows. {@code available}: the workspace has a WhatsApp account to send
     * codes from; {@code businessNumber}: its number as the admin entered it (to message first), or
     * null; {@code verifiedNumber}: the customer's proven number still on their contact; {@code pending}:
     * the latest request not yet verified, if any.
     */
    public record Status(boolean available, String businessNumber, boolean templateConfigured, String verifiedNumber, Pending pending) {
    }

    /** A request in progress: {@code status} queued, sent, failed or spent, with the reason of a failure. */
    public record Pending(String phoneNumber, String status, Instant expiresAt, int attemptsLeft, String reason) {
    }

    @Transactional
    public Status status(Customer customer) {
        tenancy.actAs(customer.workspaceId());
        Optional<UUID> account = whatsAppAccount();
        String verified = verifiedNumber(customer).map(PhoneVerification::phone).orElse(null);
        Pending pending = latest(customer).filter(v -> v.status() != PhoneVerification.Status.VERIFIED && v.status() != PhoneVerification.Status.REMOVED)
                .map(v -> new Pending(v.phone(), v.status().name().toLowerCase(java.util.Locale.ROOT), v.expiresAt(), v.attemptsLeft(), v.reason()))
                .orElse(null);
        if (account.isEmpty()) {
            return new Status(false, null, false, verified, null);
        }
        return new Status(true, businessNumber(account.get()), template(account.get()).isPresent(), verified, pending);
    }

    /**
     * Asks for a code to be sent to {@code phoneNumber} (E.164). Refused: no WhatsApp account (409),
     * a malformed number (400), the customer's own number already (409), too many requests (429).
     * Any earlier request of the customer's stops counting.
     */
    @Transactional
    public Status requestCode(Customer customer, String phoneNumber, String client) {
        String phone = e164(phoneNumber);
        tenancy.actAs(customer.workspaceId());
        UUID account = whatsAppAccount().orElseThrow(() -> new ConflictException("whatsapp-unavailable",
                "This help centre has no WhatsApp number to send a code from", java.util.Map.of()));
        if (verifiedNumber(customer).filter(v -> v.phone().equals(phone)).isPresent()) {
            throw new ConflictException("This number is already verified on your profile");
        }
        requestsPerClient.acquire(client == null ? "unknown" : client);
        Instant now = clock.instant();
        // counted in the database, so every node of a cluster sees the same numbers, and a queued request counts at once
        tenancy.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) claimed")
                .setParameter(1, customer.workspaceId() + "|portal-code|" + phone).getSingleResult();
        requireUnder(count("account_id = CAST(?2 AS uuid)", customer.accountId().toString(), now.minus(Duration.ofHours(1))), PER_CUSTOMER_PER_HOUR,
                "You asked for too many codes; please wait an hour and try again");
        requireUnder(count("phone = ?2", phone, now.minus(Duration.ofHours(1))), PER_NUMBER_PER_HOUR,
                "Too many codes were sent to this number lately; please wait an hour and try again");
        requireUnder(count("phone = ?2", phone, now.minus(Duration.ofDays(1))), PER_NUMBER_PER_DAY,
                "Too many codes were sent to this number today; please try again tomorrow");
        for (PhoneVerification earlier : open(customer)) {
            earlier.replaced();
        }
        PhoneVerification request = new PhoneVerification(customer.accountId(), phone, account, now);
        tenancy.em().persist(request);
        tenancy.em().persist(new OutboxEntry(OUTBOX_KIND, Jsonp.createObjectBuilder().add("verification_id", request.id().toString()).build().toString()));
        return status(customer);
    }

    /** The outcome of a correct code. */
    public record Verified(String phoneNumber) {
    }

    /**
     * Checks a code against the customer's own latest request. A wrong code counts (the count is kept
     * even though the call fails), and the fifth spends the request; a code of another customer's
     * request, an expired or a used one is refused alike.
     */
    @Transactional(dontRollbackOn = {InvalidInputException.class, ConflictException.class})
    public Verified confirm(Customer customer, String code, String client) {
        guessesPerClient.acquire(client == null ? "unknown" : client);
        String entered = code == null ? "" : code.strip();
        if (!PhoneVerification.CODE.matcher(entered).matches()) {
            throw new InvalidInputException("code", "must be the 6 digits we sent you");
        }
        tenancy.actAs(customer.workspaceId());
        PhoneVerification request = latest(customer).orElseThrow(() -> new InvalidInputException("code", "No code is waiting; ask for a new one"));
        tenancy.sql("SELECT 1 FROM portal_phone_verifications WHERE id = CAST(?1 AS uuid) FOR UPDATE").setParameter(1, request.id().toString())
                .getResultList();
        tenancy.em().refresh(request);
        switch (request.check(entered, clock.instant())) {
            case VERIFIED -> {
                // the number is proven; only now may anyone learn whether it is another customer's
                if (contacts.attachProvenNumber(customer.contactId(), request.phone()) == ContactService.ProvenNumber.TAKEN) {
                    request.failed("the number belongs to another customer record");
                    throw new ConflictException("identity-taken", "This number is already linked to another customer record. Our support "
                            + "team can join the two records for you: please open a ticket and mention your number.", java.util.Map.of());
                }
                return new Verified(request.phone());
            }
            case WRONG -> throw new InvalidInputException("code", "is not the code we sent; " + request.attemptsLeft() + " attempts left");
            case WRONG_AND_SPENT -> throw new InvalidInputException("code", "is not the code we sent, and that was the last attempt: ask for a new code");
            case EXPIRED -> throw new InvalidInputException("code", "has expired: ask for a new code");
            default -> throw new InvalidInputException("code", "No code is waiting; ask for a new one");
        }
    }

    /** Takes the customer's verified number off their contact (phone number and WhatsApp id). 404 when they have none. */
    @Transactional
    public void remove(Customer customer) {
        tenancy.actAs(customer.workspaceId());
        PhoneVerification verified = verifiedNumber(customer).orElseThrow(() -> new org.relaydesk.core.error.NotFoundException("Verified number"));
        contacts.detachNumber(customer.contactId(), verified.phone());
        verified.removed();
    }

    /** Called by the outbox as it sends: the request, in its workspace. */
    PhoneVerification find(UUID id) {
        return tenancy.em().find(PhoneVerification.class, id);
    }

    /** An approved template fit to carry a code: an authentication template, else a utility one named for codes. */
    Optional<Object[]> template(UUID account) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenancy.sql("SELECT name, language, CAST(variables AS text), upper(category) FROM channel_templates "
                        + "WHERE workspace_id = CAST(?1 AS uuid) AND account_id = CAST(?2 AS uuid) AND upper(approval) = 'APPROVED' "
                        + "AND (upper(category) = 'AUTHENTICATION' OR (upper(category) = 'UTILITY' AND (name ILIKE '%code%' OR name ILIKE '%verif%'))) "
                        + "ORDER BY CASE WHEN upper(category) = 'AUTHENTICATION' THEN 0 ELSE 1 END, name, language")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, account.toString()).getResultList();
        return rows.stream().findFirst();
    }

    /** The workspace's first enabled WhatsApp account whose plugin is running. */
    Optional<UUID> whatsAppAccount() {
        if (plugins.channelKind(CHANNEL_KIND).isEmpty()) {
            return Optional.empty();
        }
        return tenancy.sql("SELECT CAST(id AS text) FROM channel_accounts WHERE workspace_id = CAST(?1 AS uuid) AND kind = ?2 AND enabled "
                        + "ORDER BY created_at, id LIMIT 1")
                .setParameter(1, tenancy.workspaceId().toString()).setParameter(2, CHANNEL_KIND).getResultList().stream()
                .map(id -> UUID.fromString(id.toString())).findFirst();
    }

    /** The account's display number as the admin entered it (a plain setting: no secret is opened to read it). */
    String businessNumber(UUID account) {
        org.relaydesk.core.channel.ChannelAccountRecord record = tenancy.em().find(org.relaydesk.core.channel.ChannelAccountRecord.class, account);
        if (record == null || record.configJson() == null) {
            return null;
        }
        try (var reader = Jsonp.createReader(new java.io.StringReader(record.configJson()))) {
            jakarta.json.JsonValue number = reader.readObject().get("display_phone_number");
            return number instanceof jakarta.json.JsonString text && !text.getString().isBlank() ? text.getString().strip() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private Optional<PhoneVerification> verifiedNumber(Customer customer) {
        return tenancy.em().createQuery("SELECT v FROM PhoneVerification v WHERE v.accountId = :a AND v.status = 'VERIFIED' ORDER BY v.verifiedAt DESC",
                        PhoneVerification.class).setParameter("a", customer.accountId()).getResultStream()
                .filter(v -> contacts.hasNumber(customer.contactId(), v.phone())).findFirst();
    }

    private Optional<PhoneVerification> latest(Customer customer) {
        return tenancy.em().createQuery("SELECT v FROM PhoneVerification v WHERE v.accountId = :a ORDER BY v.createdAt DESC", PhoneVerification.class)
                .setParameter("a", customer.accountId()).setMaxResults(1).getResultStream().findFirst();
    }

    private List<PhoneVerification> open(Customer customer) {
        return tenancy.em().createQuery("SELECT v FROM PhoneVerification v WHERE v.accountId = :a AND v.status IN ('QUEUED', 'SENT')",
                PhoneVerification.class).setParameter("a", customer.accountId()).getResultList();
    }

    private long count(String condition, String value, Instant since) {
        return ((Number) tenancy.sql("SELECT count(*) FROM portal_phone_verifications WHERE workspace_id = CAST(?1 AS uuid) AND " + condition
                        + " AND created_at > ?3").setParameter(1, tenancy.workspaceId().toString()).setParameter(2, value)
                .setParameter(3, java.sql.Timestamp.from(since)).getSingleResult()).longValue();
    }

    private static void requireUnder(long count, int limit, String message) {
        if (count >= limit) {
            throw new TooManyRequestsException(message, 3600);
        }
    }

    /** A phone number in international (E.164) form, as libphonenumber knows the numbering plans. */
    static String e164(String value) {
        if (value != null && value.length() > 40) {
            throw new InvalidInputException("phone_number", "must be a phone number in international form with its country code, e.g. +14155550100");
        }
        return org.relaydesk.core.contact.Identities.normalize(IdentityKind.PHONE, value, "phone_number");
    }
}
