package org.relaydesk.core.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.relaydesk.core.contact.Contact;
import org.relaydesk.core.contact.ContactService;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.outbox.OutboxEntry;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.core.text.Jsonp;
import org.relaydesk.core.user.LoginThrottle;
import org.relaydesk.core.user.PasswordHasher;
import org.relaydesk.core.user.RateLimiter;
import org.relaydesk.core.user.RateLimits;
import org.relaydesk.core.user.Secrets;
import org.relaydesk.core.user.SingleUseLink;
import org.relaydesk.core.user.UserService;
import org.relaydesk.core.workspace.Workspace;

/**
 * Customer portal accounts: registration with email verification, sign-in by password or by a
 * one-time link, password resets, and the sessions they open. Every answer that concerns an
 * address is the same whether or not it has an account (the emails differ, not the answers), and
 * everything that sends an email is throttled per client and per address.
 */
@ApplicationScoped
public class CustomerAccounts {
    static final String EMAIL_KIND = "email.customer_account";
    static final Duration SESSION_LIFETIME = Duration.ofDays(14);
    static final String INVALID_LINK = "This link has expired or was already used. Ask for a new one.";
    /** Spent on an unknown address, so that a wrong address takes as long as a wrong password. */
    private static final String DUMMY_HASH = PasswordHasher.hash("not a password of anyone");
    @Inject
    org.relaydesk.core.user.policy.SecurityPolicy securityPolicy;

    private RateLimiter emailsPerClient;
    private RateLimiter emailsPerAddress;
    private RateLimiter linkRedemptions;
    private LoginThrottle signIns;

    @Inject
    RateLimits limits;

    @Inject
    Tenancy tenancy;

    @Inject
    ContactService contacts;

    @Inject
    PortalWorkspaces portalWorkspaces;

    Clock clock = Clock.systemUTC();

    @jakarta.annotation.PostConstruct
    void createLimits() {
        emailsPerClient = limits.limiter("portal.emails.address", 20, Duration.ofHours(1), "Too many requests from your network");
        emailsPerAddress = limits.limiter("portal.emails.email", 5, Duration.ofHours(1), "Too many emails asked for this address");
        linkRedemptions = limits.limiter("portal.links.address", 30, Duration.ofMinutes(10), "Too many link attempts from your network");
        signIns = limits.loginThrottle("customer-sign-in");
    }

    /** Tests move time forward to see links and sessions expire. */
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    /** A signed-in session: the cookie's token (given once) and who it is. */
    public record SignedIn(String sessionToken, Customer customer) {
    }

    /**
     * Registers an account and emails a verification link. An address that already has an account
     * gets an email saying so (with the ways to sign in) instead; the caller cannot tell which.
     */
    @Transactional
    public void register(String workspace, String name, String email, String password, String client) {
        String address = normalizedEmail(email);
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        errors.check(name != null && !name.isBlank() && name.strip().length() <= 200, "name", "is required (at most 200 characters)");
        errors.throwIfAny();
        Workspace target = portalWorkspaces.require(workspace);
        // counted before the password is judged: judging costs the server work, and this door is open to anyone
        emailsPerClient.acquire(key(client));
        requireGoodPassword(securityPolicy.passwordRules(target.id()), password, address);
        emailsPerAddress.acquire(target.id() + "\n" + address);
        tenancy.actAs(target.id());
        Instant now = clock.instant();
        Optional<CustomerAccount> existing = byEmail(address);
        if (existing.isPresent()) {
            CustomerAccount account = existing.get();
            if (!account.verified()) {
                // nobody proved this address yet: whoever registers now chooses the password, so a stranger who
                // registered someone else's address first does not keep a password on the account they will verify
                account.changePasswordHash(PasswordHasher.hash(password));
                account.rename(name.strip());
                queueEmail(account, "verify");
            } else {
                queueEmail(account, "already_registered");
            }
            return;
        }
        Contact contact = contacts.findOrCreateByEmail(address, name.strip());
        Contact current = followMerges(contact);
        Optional<CustomerAccount> ofContact = tenancy.em().createQuery("SELECT a FROM CustomerAccount a WHERE a.contactId = :c",
                CustomerAccount.class).setParameter("c", current.id()).getResultStream().findFirst();
        if (ofContact.isPresent()) {
            // the person has an account under another of their addresses: tell this address, reveal nothing else
            tenancy.em().persist(new OutboxEntry(EMAIL_KIND, Jsonp.createObjectBuilder().add("account_id", ofContact.get().id().toString())
                    .add("purpose", "already_registered").add("to", address).build().toString()));
            return;
        }
        CustomerAccount account = new CustomerAccount(current.id(), address, name.strip(), PasswordHasher.hash(password), now);
        tenancy.em().persist(account);
        queueEmail(account, "verify");
    }

    /** Confirms the address with the link from the verification email, and signs in. */
    @Transactional
    public SignedIn verify(String token, String client) {
        linkRedemptions.acquire(key(client));
        CustomerLink link = usableLink(token, CustomerLink.Purpose.VERIFY).orElseThrow(() -> new InvalidInputException("token", INVALID_LINK));
        CustomerAccount account = tenancy.em().find(CustomerAccount.class, link.accountId());
        Instant now = clock.instant();
        link.use(now);
        account.verify(now);
        return openSession(account);
    }

    /** Signs in with a password; throttled like the staff sign-in. An unverified account is asked to verify first. */
    @Transactional(dontRollbackOn = ConflictException.class)
    public Optional<SignedIn> signIn(String workspace, String email, String password, String client) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        Workspace target = portalWorkspaces.require(workspace);
        String account = "portal\n" + target.id() + "\n" + address;
        signIns.check(account, key(client));
        tenancy.actAs(target.id());
        Optional<CustomerAccount> found = address.length() > 320 ? Optional.empty() : byEmail(address);
        String hash = found.map(CustomerAccount::passwordHash).orElse(null);
        boolean matches = PasswordHasher.matches(password == null ? "" : password, hash == null ? DUMMY_HASH : hash) && hash != null;
        if (!matches) {
            return Optional.empty();
        }
        signIns.succeeded(account, key(client));
        if (!found.get().verified()) {
            // only someone who knows the password learns that the account waits for its address to be confirmed
            queueEmail(found.get(), "verify");
            throw new ConflictException("Please confirm your email address first: we have sent you a new link");
        }
        return Optional.of(openSession(found.get()));
    }

    /** Emails a one-time sign-in link to the address if it has an account; says nothing either way. */
    @Transactional
    public void requestSignInLink(String workspace, String email, String client) {
        emailAccount(workspace, email, client, "sign_in");
    }

    /** Signs in with a one-time link (which also proves the address). */
    @Transactional
    public SignedIn signInWithLink(String token, String client) {
        linkRedemptions.acquire(key(client));
        CustomerLink link = usableLink(token, CustomerLink.Purpose.SIGN_IN).orElseThrow(() -> new InvalidInputException("token", INVALID_LINK));
        CustomerAccount account = tenancy.em().find(CustomerAccount.class, link.accountId());
        Instant now = clock.instant();
        spendLinks(account.id(), CustomerLink.Purpose.SIGN_IN, now);
        account.verify(now);
        return openSession(account);
    }

    /** Emails a password reset link to the address if it has an account; says nothing either way. */
    @Transactional
    public void requestReset(String workspace, String email, String client) {
        emailAccount(workspace, email, client, "reset");
    }

    /** Whether a reset link is still good (the page asks before showing the form). */
    @Transactional
    public boolean resetLinkUsable(String token) {
        return usableLink(token, CustomerLink.Purpose.RESET).isPresent();
    }

    /** Sets a new password with a reset link: every other session of the account ends, this one starts. */
    @Transactional
    public SignedIn resetPassword(String token, String newPassword, String client) {
        linkRedemptions.acquire(key(client));
        CustomerLink link = usableLink(token, CustomerLink.Purpose.RESET).orElseThrow(() -> new InvalidInputException("token", INVALID_LINK));
        CustomerAccount account = tenancy.em().find(CustomerAccount.class, link.accountId());
        requireGoodPassword(securityPolicy.passwordRules(tenancy.workspaceId()), newPassword, account.email());
        Instant now = clock.instant();
        account.changePasswordHash(PasswordHasher.hash(newPassword));
        account.verify(now);
        spendLinks(account.id(), CustomerLink.Purpose.RESET, now);
        endSessions(account.id());
        return openSession(account);
    }

    /** The customer of a session cookie, if it is a live session; the session's workspace becomes current. */
    @Transactional
    public Optional<Customer> session(String token) {
        if (token == null || token.length() < 20 || token.length() > 200) {
            return Optional.empty();
        }
        List<?> rows = tenancy.sql("SELECT CAST(workspace_id AS text), CAST(id AS text) FROM customer_sessions WHERE token_hash = ?1")
                .setParameter(1, Secrets.sha256(token)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        tenancy.actAs(UUID.fromString(row[0].toString()));
        CustomerSession session = tenancy.em().find(CustomerSession.class, UUID.fromString(row[1].toString()));
        if (session == null || !session.activeAt(clock.instant())) {
            return Optional.empty();
        }
        CustomerAccount account = tenancy.em().find(CustomerAccount.class, session.accountId());
        if (account == null || !account.verified()) {
            return Optional.empty();
        }
        return Optional.of(customerOf(account));
    }

    @Transactional
    public void signOut(String token) {
        if (token != null && token.length() <= 200) {
            tenancy.sql("DELETE FROM customer_sessions WHERE token_hash = ?1").setParameter(1, Secrets.sha256(token)).executeUpdate();
        }
    }

    @Transactional
    public Customer rename(Customer customer, String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidInputException("name", "is required (at most 200 characters)");
        }
        CustomerAccount account = own(customer);
        account.rename(name.strip());
        return customerOf(account);
    }

    /** Changes the password (the current one proves it is them); their other sessions end. */
    @Transactional
    public SignedIn changePassword(Customer customer, String currentPassword, String newPassword, String client) {
        CustomerAccount account = own(customer);
        String throttleKey = "portal\n" + customer.workspaceId() + "\n" + account.email();
        signIns.check(throttleKey, key(client));
        if (!PasswordHasher.matches(currentPassword, account.passwordHash())) {
            throw new InvalidInputException("current_password", "is not your current password");
        }
        signIns.succeeded(throttleKey, key(client));
        requireGoodPassword(securityPolicy.passwordRules(customer.workspaceId()), newPassword, account.email());
        account.changePasswordHash(PasswordHasher.hash(newPassword));
        endSessions(account.id());
        return openSession(account);
    }

    /**
     * A new one-time link for the account's email (the outbox calls this as it sends, so no usable
     * token ever waits in the outbox). Nothing reachable from outside calls it.
     */
    @Transactional
    public String mintLink(UUID accountId, CustomerLink.Purpose purpose) {
        SingleUseLink.Minted minted = SingleUseLink.mint("rdc_", clock.instant(), purpose.lifetime());
        tenancy.em().persist(new CustomerLink(accountId, purpose, minted.link()));
        return minted.token();
    }

    /**
     * A customer's new password: the workspace's password rules (length, not a common one), and never
     * built on the address itself, whatever the rules say (a customer's address is what an attacker knows).
     */
    static void requireGoodPassword(org.relaydesk.core.user.policy.PasswordRules rules, String password, String email) {
        rules.require("password", password, email);
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = email == null ? "" : email.substring(0, Math.max(0, email.indexOf('@')));
        if (lower.chars().distinct().count() < 4 || email != null && lower.contains(email)
                || localPart.length() >= 4 && lower.contains(localPart)) {
            throw new InvalidInputException("password", "is too easy to guess: avoid your email address and common passwords");
        }
    }

    private void emailAccount(String workspace, String email, String client, String purpose) {
        String address = normalizedEmail(email);
        Workspace target = portalWorkspaces.require(workspace);
        emailsPerClient.acquire(key(client));
        emailsPerAddress.acquire(target.id() + "\n" + address);
        tenancy.actAs(target.id());
        byEmail(address).ifPresent(account -> queueEmail(account, purpose));
    }

    private void queueEmail(CustomerAccount account, String purpose) {
        tenancy.em().persist(new OutboxEntry(EMAIL_KIND, Jsonp.createObjectBuilder().add("account_id", account.id().toString())
                .add("purpose", purpose).add("to", account.email()).build().toString()));
    }

    private SignedIn openSession(CustomerAccount account) {
        String token = Secrets.newToken("rdp_");
        tenancy.em().persist(new CustomerSession(account.id(), Secrets.sha256(token), clock.instant(), SESSION_LIFETIME));
        return new SignedIn(token, customerOf(account));
    }

    private void endSessions(UUID accountId) {
        tenancy.em().createQuery("DELETE FROM CustomerSession s WHERE s.accountId = :a").setParameter("a", accountId).executeUpdate();
    }

    private void spendLinks(UUID accountId, CustomerLink.Purpose purpose, Instant now) {
        tenancy.em().createQuery("UPDATE CustomerLink l SET l.link.usedAt = :now WHERE l.accountId = :a AND l.purpose = :p AND l.link.usedAt IS NULL")
                .setParameter("now", now).setParameter("a", accountId).setParameter("p", purpose).executeUpdate();
    }

    /** The account as a signed-in customer, its contact followed through merges (the account moves with it). */
    private Customer customerOf(CustomerAccount account) {
        Contact contact = followMerges(contacts.get(account.contactId()));
        if (!contact.id().equals(account.contactId())) {
            account.moveToContact(contact.id());
        }
        return new Customer(tenancy.workspaceId(), account.id(), contact.id(),
                account.name(), account.email());
    }

    private Contact followMerges(Contact contact) {
        Contact current = contact;
        for (int hop = 0; hop < 20 && current.mergedIntoId() != null; hop++) {
            current = contacts.get(current.mergedIntoId());
        }
        return current;
    }

    private CustomerAccount own(Customer customer) {
        tenancy.actAs(customer.workspaceId());
        CustomerAccount account = tenancy.em().find(CustomerAccount.class, customer.accountId());
        if (account == null) {
            throw new org.relaydesk.core.error.NotFoundException("Account");
        }
        return account;
    }

    private Optional<CustomerAccount> byEmail(String address) {
        return tenancy.em().createQuery("SELECT a FROM CustomerAccount a WHERE LOWER(a.email) = :e", CustomerAccount.class)
                .setParameter("e", address).getResultStream().findFirst();
    }

    /** The usable link of this token and purpose, in whichever workspace it was made; that workspace becomes current. */
    private Optional<CustomerLink> usableLink(String token, CustomerLink.Purpose purpose) {
        return SingleUseLink.find(tenancy, "customer_links", CustomerLink.class, token)
                .filter(link -> link.purpose() == purpose && link.usableAt(clock.instant()));
    }

    private static String normalizedEmail(String email) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (!UserService.EMAIL.matcher(address).matches() || address.length() > 320) {
            throw new InvalidInputException("email", "must be a valid email address");
        }
        return address;
    }

    private static String key(String client) {
        return client == null ? "unknown" : client;
    }
}
