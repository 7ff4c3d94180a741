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
 * (its server signs the user's email address or id with the widget's secret, HMAC-SHA256, and the
 * page passes both), or the visitor proves their address with a one-time link emailed to it, which
 * gives the widget a session of 30 days. Either way the visitor then reads their own tickets as a
 * portal customer does. Asking for a link answers the same whether or not the address is known.
 */
@ApplicationScoped
public class WidgetVisitors {
    static final Duration LINK_LIFETIME = Duration.ofMinutes(30);
    static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    static final Duration ONE_LINK_PER = Duration.ofMinutes(10);
    public static final String LINK_EMAIL_KIND = "email.widget_link";
    public static final String VERIFY_FRAGMENT = "relaydesk-verify=";

    @Inject
    Tenancy tenancy;

    @Inject
    ContactService contacts;

    @Inject
    WidgetService widgets;

    Clock clock = Clock.systemUTC();

    /** What the host page says about its user: an email address or an id, and its signature. */
    public record Claim(String email, String userId, String hash) {
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
            throw new org.relaydesk.core.error.PermissionDeniedException("This sign-in has expired; ask for a new link");
        }
        return customer(visit, tenancy.em().find(Contact.class, UUID.fromString(found.get(0).toString())));
    }

    private Optional<Customer> signed(WidgetService.Visit visit, Claim claim) {
        boolean byEmail = claim.email() != null && !claim.email().isBlank();
        String value = byEmail ? claim.email().strip().toLowerCase(Locale.ROOT) : claim.userId() == null ? "" : claim.userId().strip();
        if (value.isEmpty() || value.length() > 320) {
            throw new InvalidInputException("identity", "a signed identity names the user's email address or id");
        }
        String secret = widgets.identitySecretOf(visit.widget())
                .orElseThrow(() -> new org.relaydesk.core.error.PermissionDeniedException("This widget takes no signed identities yet"));
        byte[] expected = hmac(secret, value).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, claim.hash().strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new org.relaydesk.core.error.PermissionDeniedException("The identity's signature does not match (HMAC-SHA256 of the "
                    + (byEmail ? "email address" : "user id") + " with the widget's secret)");
        }
        Optional<Contact> contact = byEmail ? contacts.findByIdentity(IdentityKind.EMAIL, value)
                : contacts.findByIdentity(IdentityKind.WIDGET_VISITOR, "user:" + value);
        return contact.isEmpty() ? Optional.of(new Customer(visit.workspace().id(), null, null, null, byEmail ? value : null))
                : customer(visit, contact.get());
    }

    private static Optional<Customer> customer(WidgetService.Visit visit, Contact contact) {
        return contact == null ? Optional.empty()
                : Optional.of(new Customer(visit.workspace().id(), null, contact.id(), contact.name(), contact.primaryEmail()));
    }

    /** Lowercase hex HMAC-SHA256 of {@code value} with {@code secret}: what the host site's server computes. */
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
     * Emails a one-time link to the visitor's tickets when the address is one of the workspace's
     * contacts (at most one link per address every 10 minutes); otherwise nothing. The caller answers
     * the same either way. The link opens {@code pageUrl} (a page of the calling site) with the token
     * after '#', which browsers never send to the site's server.
     */
    @Transactional
    public void requestLink(WidgetService.Visit visit, String email, String pageUrl, String language) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 320 || !UserService.EMAIL.matcher(address).matches()) {
            throw new InvalidInputException("email", "must be an email address");
        }
        Optional<Contact> contact = contacts.findByIdentity(IdentityKind.EMAIL, address);
        if (contact.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        long recent = ((Number) tenancy.sql("SELECT count(*) FROM widget_visitor_tokens WHERE contact_id = CAST(?1 AS uuid) AND kind = 'link' "
                + "AND created_at > ?2").setParameter(1, contact.get().id().toString()).setParameter(2, java.sql.Timestamp.from(now.minus(ONE_LINK_PER)))
                .getSingleResult()).longValue();
        if (recent > 0) {
            return; // no mail-bombing a customer through someone else's widget page
        }
        String token = Secrets.newToken("wvl_");
        insert(visit, contact.get().id(), "link", token, now.plus(LINK_LIFETIME));
        String page = WidgetService.pageOf(visit, pageUrl).orElse(visit.origin() + "/");
        tenancy.em().persist(new OutboxEntry(LINK_EMAIL_KIND, Jsonp.createObjectBuilder().add("to", address)
                .add("name", contact.get().name() == null ? "" : contact.get().name()).add("link", page + "#" + VERIFY_FRAGMENT + token)
                .add("language", WidgetTexts.choose(language)).add("site", visit.workspace().name()).build().toString()));
    }

    /** The link was followed: its token (once, within 30 minutes) becomes the widget's session for that visitor. */
    @Transactional
    public Session verify(WidgetService.Visit visit, String linkToken) {
        if (linkToken == null || linkToken.length() > 200) {
            throw new NotFoundException("Link");
        }
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object> found = tenancy.sql("UPDATE widget_visitor_tokens SET used_at = ?1 WHERE token_hash = ?2 AND kind = 'link' AND used_at IS NULL "
                + "AND widget_id = CAST(?3 AS uuid) AND expires_at > ?1 RETURNING CAST(contact_id AS text)").setParameter(1, java.sql.Timestamp.from(now))
                .setParameter(2, Secrets.sha256(linkToken)).setParameter(3, visit.widget().id().toString()).getResultList();
        if (found.isEmpty()) {
            throw new NotFoundException("Link"); // used, expired, another widget's or never made: the same answer
        }
        UUID contact = UUID.fromString(found.get(0).toString());
        String session = Secrets.newToken("wvs_");
        insert(visit, contact, "session", session, now.plus(SESSION_LIFETIME));
        Contact who = tenancy.em().find(Contact.class, contact);
        return new Session(session, who == null ? null : who.primaryEmail());
    }

    /** A visitor's session in the widget, and the address it proved. */
    public record Session(String token, String email) {
    }

    private void insert(WidgetService.Visit visit, UUID contact, String kind, String token, Instant expires) {
        tenancy.sql("INSERT INTO widget_visitor_tokens (id, workspace_id, widget_id, contact_id, kind, token_hash, expires_at) VALUES "
                        + "(CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), CAST(?4 AS uuid), ?5, ?6, ?7)")
                .setParameter(1, Ids.newId().toString()).setParameter(2, visit.workspace().id().toString()).setParameter(3, visit.widget().id().toString())
                .setParameter(4, contact.toString()).setParameter(5, kind).setParameter(6, Secrets.sha256(token))
                .setParameter(7, java.sql.Timestamp.from(expires)).executeUpdate();
    }
}
