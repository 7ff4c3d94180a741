package org.relaydesk.core.widget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.contact.IdentityKind;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Ids;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.portal.Customer;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.user.Secrets;
import org.relaydesk.core.user.UserService;

/**
 * Who a widget's visitor is, for "My tickets": either the host site vouches for its signed-in user
 * (its server signs "email:" and the user's address with the widget's secret, HMAC-SHA256, and the
 * page passes both), or the visitor proves their address by typing a one-time code emailed to it,
 * which gives the widget a session of 30 days. Either way the visitor then reads their own tickets as
 * a portal customer does. Asking for a code answers the same, as fast, whether or not the address is
 * known: the work (and the decision) happens when the email is sent.
 */
@ApplicationScoped
public class WidgetVisitors {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    static final Duration ONE_CODE_PER = Duration.ofMinutes(1);
    static final int MAX_TRIES = 5;
    public static final String CODE_EMAIL_KIND = "email.widget_code";

    @Inject
    Tenancy tenancy;

    @Inject
    ContactService contacts;

    @Inject
    WidgetService widgets;

    Clock clock = Clock.systemUTC();

    /** What the host page says about its signed-in user: their email address and its signature. */
    public record Claim(String email, String hash) {
        public boolean present() {
            return hash != null && !hash.isBlank();
        }
    }

    /**
     * The visitor as far as they are proven: the signed claim (refused when its signature is wrong) or
     * the session; empty when neither is given. A proven visitor with no contact yet has no tickets.
     */
    @Transactional
    public Optional<Customer> who(WidgetService.Visit visit, Claim claim, String session) {
        if (claim != null && claim.present()) {
            return signed(visit, claim);
        }
        if (session == null || session.isBlank() || session.length() > 200) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object> found = tenancy.sql("SELECT CAST(contact_id AS text) FROM widget_visitor_tokens WHERE token_hash = ?1 AND kind = 'session' "
                + "AND widget_id = CAST(?2 AS uuid) AND expires_at > ?3").setParameter(1, Secrets.sha256(session))
                .setParameter(2, visit.widget().id().toString()).setParameter(3, java.sql.Timestamp.from(clock.instant())).getResultList();
        if (found.isEmpty()) {
            throw new org.relaydesk.core.error.PermissionDeniedException("This sign-in has ended; ask for a new code");
        }
        return customer(visit, tenancy.em().find(Contact.class, UUID.fromString(found.get(0).toString())));
    }

    /** "Sign out": the session ends on the server too. */
    @Transactional
    public void signOut(WidgetService.Visit visit, String session) {
        if (session != null && session.length() <= 200) {
            tenancy.sql("DELETE FROM widget_visitor_tokens WHERE token_hash = ?1 AND kind = 'session' AND widget_id = CAST(?2 AS uuid)")
                    .setParameter(1, Secrets.sha256(session)).setParameter(2, visit.widget().id().toString()).executeUpdate();
        }
    }

    private Optional<Customer> signed(WidgetService.Visit visit, Claim claim) {
        String email = claim.email() == null ? "" : claim.email().strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || email.length() > 320) {
            throw new InvalidInputException("identity", "a signed identity names the user's email address");
        }
        String secret = widgets.identitySecretOf(visit.widget())
                .orElseThrow(() -> new org.relaydesk.core.error.PermissionDeniedException("This widget takes no signed identities yet"));
        byte[] expected = signature(secret, email).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, claim.hash().strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new org.relaydesk.core.error.PermissionDeniedException(
                    "The identity's signature does not match (HMAC-SHA256 of \"email:\" and the lower-cased address, with the widget's secret)");
        }
        Optional<Contact> contact = contacts.findByIdentity(IdentityKind.EMAIL, email);
        return contact.isEmpty() ? Optional.of(new Customer(visit.workspace().id(), null, null, null, email)) : customer(visit, contact.get());
    }

    private static Optional<Customer> customer(WidgetService.Visit visit, Contact contact) {
        return contact == null ? Optional.empty()
                : Optional.of(new Customer(visit.workspace().id(), null, contact.id(), contact.name(), contact.primaryEmail()));
    }

    /** What the host site's server computes for a signed-in user: lower-case hex HMAC-SHA256 of "email:" and the address. */
    public static String signature(String secret, String email) {
        return hmac(secret, "email:" + email.strip().toLowerCase(Locale.ROOT));
    }

    /** Lowercase hex HMAC-SHA256 of {@code value} with {@code secret}. */
    public static String hmac(String secret, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * "Email me a code": queued as it is, whatever the address. The email's sender
     * ({@link WidgetCodeEmail}) decides: a code only to one of the workspace's contacts, at most one a
     * minute; nothing to anyone else. So the answer, and its time, tell nothing.
     */
    @Transactional
    public void requestCode(WidgetService.Visit visit, String email, String language) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 320 || !UserService.EMAIL.matcher(address).matches()) {
            throw new InvalidInputException("email", "must be an email address");
        }
        tenancy.em().persist(new OutboxEntry(CODE_EMAIL_KIND, Jsonp.createObjectBuilder().add("to", address)
                .add("widget_id", visit.widget().id().toString()).add("language", WidgetTexts.choose(language))
                .add("site", visit.workspace().name()).build().toString()));
    }

    /** For the email's sender: a new code for a known contact, or nothing (unknown address, or one sent within the minute). */
    @Transactional
    Optional<IssuedCode> issueCode(UUID widgetId, String address) {
        Optional<Contact> contact = contacts.findByIdentity(IdentityKind.EMAIL, address);
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        long recent = ((Number) tenancy.sql("SELECT count(*) FROM widget_visitor_tokens WHERE contact_id = CAST(?1 AS uuid) AND widget_id = CAST(?2 AS uuid) "
                + "AND kind = 'code' AND created_at > ?3").setParameter(1, contact.get().id().toString()).setParameter(2, widgetId.toString())
                .setParameter(3, java.sql.Timestamp.from(now.minus(ONE_CODE_PER))).getSingleResult()).longValue();
        if (recent > 0) {
            return Optional.empty(); // no mail-bombing a customer through someone else's widget
        }
        String code = String.format(Locale.ROOT, "%08d", new java.security.SecureRandom().nextInt(100_000_000));
        insert(widgetId, contact.get().id(), "code", codeHash(widgetId, address, code), now.plus(CODE_LIFETIME), now);
        return Optional.of(new IssuedCode(code, contact.get().name()));
    }

    /** A code for an address, and the name to greet. */
    record IssuedCode(String code, String name) {
    }

    /**
     * The code typed into the widget: right (once, within 15 minutes, within five tries of the latest
     * code) it becomes the widget's session for that address; anything else is "wrong or expired".
     */
    @Transactional
    public Session verify(WidgetService.Visit visit, String email, String code) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        InvalidInputException wrong = new InvalidInputException("code", "is wrong, used or expired: ask for a new one");
        Optional<Contact> contact = address.length() > 320 ? Optional.empty() : contacts.findByIdentity(IdentityKind.EMAIL, address);
        if (contact.isEmpty() || !typed.matches("[0-9]{8}")) {
            throw wrong;
        }
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> latest = tenancy.sql("SELECT CAST(id AS text), token_hash, attempts FROM widget_visitor_tokens WHERE contact_id = CAST(?1 AS uuid) "
                + "AND widget_id = CAST(?2 AS uuid) AND kind = 'code' AND used_at IS NULL AND expires_at > ?3 ORDER BY created_at DESC LIMIT 1 FOR UPDATE")
                .setParameter(1, contact.get().id().toString()).setParameter(2, visit.widget().id().toString())
                .setParameter(3, java.sql.Timestamp.from(now)).getResultList();
        if (latest.isEmpty()) {
            throw wrong;
        }
        String id = latest.get(0)[0].toString();
        int attempts = ((Number) latest.get(0)[2]).intValue();
        boolean right = attempts < MAX_TRIES && MessageDigest.isEqual(latest.get(0)[1].toString().getBytes(StandardCharsets.US_ASCII),
                codeHash(visit.widget().id(), address, typed).getBytes(StandardCharsets.US_ASCII));
        if (!right) {
            tenancy.sql("UPDATE widget_visitor_tokens SET attempts = attempts + 1, used_at = CASE WHEN attempts + 1 >= ?2 THEN ?3 ELSE used_at END "
                    + "WHERE id = CAST(?1 AS uuid)").setParameter(1, id).setParameter(2, MAX_TRIES).setParameter(3, java.sql.Timestamp.from(now))
                    .executeUpdate();
            throw wrong;
        }
        tenancy.sql("UPDATE widget_visitor_tokens SET used_at = ?2 WHERE id = CAST(?1 AS uuid)").setParameter(1, id)
                .setParameter(2, java.sql.Timestamp.from(now)).executeUpdate();
        String session = Secrets.newToken("wvs_");
        insert(visit.widget().id(), contact.get().id(), "session", Secrets.sha256(session), now.plus(SESSION_LIFETIME), now);
        return new Session(session, contact.get().primaryEmail());
    }

    /** A visitor's session in the widget, and the address it proved. */
    public record Session(String token, String email) {
    }

    /** The code's hash binds it to the widget and the address: the same digits prove nothing elsewhere. */
    private static String codeHash(UUID widgetId, String address, String code) {
        return Secrets.sha256(widgetId + ":" + address + ":" + code);
    }

    private void insert(UUID widgetId, UUID contact, String kind, String hash, Instant expires, Instant now) {
        tenancy.sql("INSERT INTO widget_visitor_tokens (id, workspace_id, widget_id, contact_id, kind, token_hash, expires_at, created_at) VALUES "
                        + "(CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), CAST(?4 AS uuid), ?5, ?6, ?7, ?8)")
                .setParameter(1, Ids.newId().toString()).setParameter(2, tenancy.workspaceId().toString()).setParameter(3, widgetId.toString())
                .setParameter(4, contact.toString()).setParameter(5, kind).setParameter(6, hash)
                .setParameter(7, java.sql.Timestamp.from(expires)).setParameter(8, java.sql.Timestamp.from(now)).executeUpdate();
    }
}
