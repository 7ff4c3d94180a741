package org.relaydesk.core.user;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/** Signs and verifies the API's session tokens (HS256 with the installation's secret key). */
public final class JwtIssuer {
    public static final String ISSUER = "relaydesk";
    /** The longest a session token lives; a workspace's absolute session limit can make it shorter. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private final byte[] key;

    public JwtIssuer(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("JWT key must have at least 256 bits");
        }
        this.key = key.clone();
    }

    public record Issued(String token, Instant expiresAt) {
    }

    /** What a verified token says: whose it is, its id (for signing out), the password epoch it belongs to, when it was issued and its end. */
    public record Claims(UUID userId, UUID workspaceId, UUID tokenId, int sessionEpoch, Instant issuedAt, Instant expiresAt) {
    }

    public Issued issue(User user, Instant now) {
        return issue(user, now, now.plus(LIFETIME));
    }

    /** A token valid until {@code expires}, which is never more than {@link #LIFETIME} away. */
    public Issued issue(User user, Instant now, Instant expires) {
        if (expires.isAfter(now.plus(LIFETIME))) {
            expires = now.plus(LIFETIME);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.id().toString())
                .claim("ws", user.workspaceId().toString())
                .claim("role", user.role().apiName())
                .claim("sep", user.sessionEpoch())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return new Issued(jwt.serialize(), expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign token", e);
        }
    }

    /** The claims of a token that is well-formed, correctly signed, ours and not expired. */
    public Optional<Claims> verify(String token, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null
                    || !claims.getExpirationTime().toInstant().isAfter(now)) {
                return Optional.empty();
            }
            Long epoch = claims.getLongClaim("sep");
            if (epoch == null || claims.getJWTID() == null || claims.getIssueTime() == null) {
                return Optional.empty();
            }
            return Optional.of(new Claims(UUID.fromString(claims.getSubject()), UUID.fromString(claims.getStringClaim("ws")),
                    UUID.fromString(claims.getJWTID()), epoch.intValue(), claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
