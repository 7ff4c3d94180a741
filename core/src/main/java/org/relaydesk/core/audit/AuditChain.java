package org.relaydesk.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit log's hash chain: each entry's hash is an HMAC-SHA256, under a key derived from the
 * installation's, of its fields and the previous entry's hash. Changing, removing or inserting an
 * entry breaks every hash after it; and without the installation's key (which is not in the
 * database) nobody with access to the database alone can compute a new chain that checks out.
 */
public final class AuditChain {
    /** The hash before a workspace's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** One entry as it is stored and hashed. */
    public record Entry(long seq, String workspaceId, Instant occurredAt, String actorId, String actorLabel, String clientAddress, String action,
            String targetType, String targetId, String targetLabel, String before, String after, String prevHash) {

        /** The fields in a fixed order, each with its length, so that no two different entries read the same. */
        String canonical() {
            StringBuilder out = new StringBuilder();
            for (String field : new String[] {Long.toString(seq), workspaceId, Long.toString(occurredAt.getEpochSecond()),
                    Integer.toString(occurredAt.getNano() / 1000), actorId, actorLabel, clientAddress, action, targetType, targetId, targetLabel,
                    before, after, prevHash}) {
                String value = field == null ? "" : field;
                out.append(field == null ? -1 : value.length()).append(':').append(value).append('\n');
            }
            return out.toString();
        }
    }

    public static String hash(Entry entry, byte[] key) {
        return mac(entry.canonical(), key);
    }

    /**
     * A workspace's head and tail: the newest entry (seq and hash) and the previous hash its oldest
     * kept entry must carry. Kept apart from the entries and signed, so that removing entries from
     * either end of the chain shows too.
     */
    public record Ends(String workspaceId, long headSeq, String headHash, String tailPrevHash) {
        public String mac(byte[] key) {
            return AuditChain.mac("ends\n" + workspaceId + "\n" + headSeq + "\n" + headHash + "\n" + tailPrevHash, key);
        }
    }

    private static String mac(String text, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
