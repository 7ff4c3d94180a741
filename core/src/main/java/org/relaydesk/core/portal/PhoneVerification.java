package org.relaydesk.core.portal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.persistence.WorkspaceOwned;
import org.relaydesk.core.user.Secrets;

/**
 * A portal customer proving a phone number with a six-digit code sent to it on WhatsApp. The code is
 * made when the message goes out (nothing usable waits in the outbox), kept only as a digest salted
 * with the request's id, lives {@link #LIFETIME}, allows {@link #MAX_ATTEMPTS} wrong guesses and
 * is spent by the right one: a code cannot be replayed, guessed at length, or used for another request.
 */
@Entity
@Table(name = "portal_phone_verifications")
public class PhoneVerification extends WorkspaceOwned {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_ATTEMPTS = 5;
    static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a request stands; only {@link #SENT} accepts a code. */
    public enum Status {
        QUEUED, SENT, FAILED, VERIFIED, SPENT, REMOVED
    }

    /** What a code entered did. */
    public enum Check {
        /** The right code, in time: the number is proven. */
        VERIFIED,
        /** A wrong code; attempts remain. */
        WRONG,
        /** A wrong code and the last attempt: the request is spent. */
        WRONG_AND_SPENT,
        /** Too late: the code expired. */
        EXPIRED,
        /** The request takes no codes (not sent yet, failed, spent, already used). */
        NOT_WAITING
    }

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(nullable = false)
    private String phone;

    @Column(name = "channel_account_id", nullable = false)
    private UUID channelAccountId;

    @Column(nullable = false)
    private String status;

    @Column(name = "code_hash")
    private String codeHash;

    @Column(nullable = false)
    private int attempts;

    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    protected PhoneVerification() {
    }

    PhoneVerification(UUID accountId, String phone, UUID channelAccountId, Instant now) {
        this.accountId = accountId;
        this.phone = phone;
        this.channelAccountId = channelAccountId;
        this.status = Status.QUEUED.name();
        this.createdAt = now;
    }

    /** A fresh six-digit code (leading zeros kept). */
    static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** Gives the request its code as it is sent: only the digest stays, and the code lives {@link #LIFETIME} from now. */
    void codeSent(String code, Instant now) {
        this.codeHash = digest(code);
        this.sentAt = now;
        this.expiresAt = now.plus(LIFETIME);
        this.status = Status.SENT.name();
        this.attempts = 0;
    }

    void failed(String why) {
        this.status = Status.FAILED.name();
        this.reason = why == null ? null : why.length() > 1000 ? why.substring(0, 1000) : why;
        this.codeHash = null;
    }

    /** A newer request replaces this one: its code no longer counts. */
    void replaced() {
        if (status() == Status.QUEUED || status() == Status.SENT) {
            this.status = Status.SPENT.name();
            this.codeHash = null;
        }
    }

    void removed() {
        this.status = Status.REMOVED.name();
    }

    /** Judges a code entered at {@code now}; a wrong one counts against the request, the right one spends it. */
    Check check(String code, Instant now) {
        if (status() != Status.SENT || codeHash == null) {
            return Check.NOT_WAITING;
        }
        if (!now.isBefore(expiresAt)) {
            return Check.EXPIRED;
        }
        if (code == null || !CODE.matcher(code).matches()
                || !MessageDigest.isEqual(digest(code).getBytes(StandardCharsets.US_ASCII), codeHash.getBytes(StandardCharsets.US_ASCII))) {
            attempts++;
            if (attempts >= MAX_ATTEMPTS) {
                status = Status.SPENT.name();
                codeHash = null;
                return Check.WRONG_AND_SPENT;
            }
            return Check.WRONG;
        }
        status = Status.VERIFIED.name();
        verifiedAt = now;
        codeHash = null;
        return Check.VERIFIED;
    }

    private String digest(String code) {
        return Secrets.sha256(id() + ":" + code);
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public UUID accountId() {
        return accountId;
    }

    public String phone() {
        return phone;
    }

    public UUID channelAccountId() {
        return channelAccountId;
    }

    public String reason() {
        return reason;
    }

    public int attemptsLeft() {
        return Math.max(0, MAX_ATTEMPTS - attempts);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }
}
