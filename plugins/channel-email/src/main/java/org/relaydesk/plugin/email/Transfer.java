package org.relaydesk.plugin.email;

import java.util.Arrays;
import java.util.Locale;

/**
 * Content-Transfer-Encoding undone the forgiving way, as mail programs do: base64 with characters
 * outside its alphabet, padding in the middle (two encoded runs glued together) or the last group
 * cut short; quoted-printable with an '=' that escapes nothing; uuencode without its begin or end
 * line. Jakarta Mail would do this only with JVM-wide system properties
 * ({@code mail.mime.base64.ignoreerrors} and the like, which it reads from {@code System}, not from
 * the mail session): a plugin must not change how every other part of a shared server reads mail,
 * so the parser decodes the bodies itself. The output is never larger than the input.
 */
final class Transfer {
    private static final byte[] BASE64 = new byte[256];

    static {
        Arrays.fill(BASE64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Transfer() {
    }

    /** The body's bytes with its transfer encoding undone; an identity or unknown encoding leaves them as they are. */
    static byte[] decode(byte[] raw, String encoding) {
        String name = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "base64" -> base64(raw);
            case "quoted-printable" -> quotedPrintable(raw);
            case "uuencode", "x-uuencode", "x-uue", "uue" -> uudecode(raw);
            default -> raw; // 7bit, 8bit, binary, or a name nobody knows: the bytes as sent
        };
    }

    /** Base64: characters outside the alphabet are skipped; '=' ends a group, and decoding goes on after it. */
    static byte[] base64(byte[] in) {
        byte[] out = new byte[in.length / 4 * 3 + 3];
        int n = 0;
        int group = 0;
        int count = 0;
        for (byte b : in) {
            int value = BASE64[b & 0xFF];
            if (value >= 0) {
                group = group << 6 | value;
                if (++count == 4) {
                    out[n++] = (byte) (group >> 16);
                    out[n++] = (byte) (group >> 8);
                    out[n++] = (byte) group;
                    group = 0;
                    count = 0;
                }
            } else if (b == '=' && count > 0) {
                n = partial(out, n, group, count);
                group = 0;
                count = 0;
            }
        }
        n = partial(out, n, group, count);
        return Arrays.copyOf(out, n);
    }

    /** The bytes of a group of two or three characters (one character holds no whole byte). */
    private static int partial(byte[] out, int n, int group, int count) {
        if (count == 2) {
            out[n++] = (byte) (group >> 4);
        } else if (count == 3) {
            out[n++] = (byte) (group >> 10);
            out[n++] = (byte) (group >> 2);
        }
        return n;
    }

    /** Quoted-printable: =XX is a byte, '=' at the end of a line joins it to the next, any other '=' stays. */
    static byte[] quotedPrintable(byte[] in) {
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b != '=') {
                out[n++] = b;
                continue;
            }
            if (i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out[n++] = (byte) (hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
                continue;
            }
            int j = i + 1;
            while (j < in.length && (in[j] == ' ' || in[j] == '\t')) {
                j++;
            }
            if (j < in.length && in[j] == '\r' && j + 1 < in.length && in[j + 1] == '\n') {
                i = j + 1; // a soft line break
            } else if (j < in.length && in[j] == '\n') {
                i = j;
            } else if (j == in.length) {
                i = j; // '=' at the very end
            } else {
                out[n++] = b;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int hex(byte b) {
        return Character.digit((char) (b & 0xFF), 16);
    }

    /**
     * Uuencode: from the "begin" line (or the first line when there is none) to "end" (or the end);
     * each line's first character says how many bytes it holds, characters missing from a line count
     * as zero.
     */
    static byte[] uudecode(byte[] in) {
        String text = new String(in, java.nio.charset.StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("begin ")) {
                first = i + 1;
                break;
            }
        }
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = first; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().equals("end")) {
                break;
            }
            if (line.isEmpty()) {
                continue;
            }
            int length = (line.charAt(0) - 0x20) & 0x3F;
            int at = 1;
            for (int written = 0; written < length && n < out.length; at += 4) {
                int group = 0;
                for (int k = 0; k < 4; k++) {
                    int c = at + k < line.length() ? (line.charAt(at + k) - 0x20) & 0x3F : 0;
                    group = group << 6 | c;
                }
                for (int shift = 16; shift >= 0 && written < length && n < out.length; shift -= 8) {
                    out[n++] = (byte) (group >> shift);
                    written++;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }
}
