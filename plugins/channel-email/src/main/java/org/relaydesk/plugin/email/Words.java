package org.relaydesk.plugin.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header text as people meant it: raw 8-bit bytes read in their charset (see {@link HeaderCharset}),
 * then RFC 2047 words decoded wherever they stand, read the way mail programs write them rather than
 * as the RFC says: inside a word or a quoted name, with spaces inside (Outlook writes
 * {@code =?UTF-8?Q?Caf=C3=A9 au lait?=}), with base64 broken by a fold or cut short, and with a
 * character split across two adjacent words (their bytes are joined before they are decoded).
 */
final class Words {
    /** One encoded word: charset (an RFC 2231 language after '*' is ignored), then B with base64 text or Q with any text but '?'. */
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s*]{1,60})(?:\\*[^?\\s]*)?\\?(?:([Bb])\\?([A-Za-z0-9+/=\\s]{0,1000}?)|([Qq])\\?([^?]{0,1000}?))\\?=");

    private Words() {
    }

    static String decode(String text) {
        return decode(text, HeaderCharset.UNDECLARED);
    }

    /** Raw header text (one byte per char, as read) decoded: its 8-bit bytes and its encoded words. */
    static String decode(String text, HeaderCharset raw) {
        return text == null ? null : words(raw.repair(text));
    }

    /** The encoded words in text that is otherwise already decoded; the space between two encoded words is not part of the text. */
    static String words(String text) {
        if (text == null || !text.contains("=?")) {
            return text;
        }
        Matcher word = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        int end = 0;
        while (word.find()) {
            Charset charset = Charsets.forMime(word.group(1));
            String between = text.substring(end, word.start());
            if (charset == null) {
                // an unknown charset: the word stays as written
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(between).append(word.group());
                end = word.end();
                continue;
            }
            boolean adjacent = pendingCharset != null && between.isBlank();
            if (!adjacent || !charset.equals(pendingCharset)) {
                flush(out, pending, pendingCharset);
                if (!adjacent) {
                    out.append(between);
                }
            }
            pendingCharset = charset;
            byte[] bytes = word.group(2) != null ? Transfer.base64(word.group(3).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) : q(word.group(5), charset);
            pending.writeBytes(bytes);
            end = word.end();
        }
        flush(out, pending, pendingCharset);
        out.append(text, end, text.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset charset) {
        if (charset != null && pending.size() > 0) {
            out.append(new String(pending.toByteArray(), charset));
        }
        pending.reset();
    }

    /** RFC 2047 "Q": '_' is a space, =XX a byte; an '=' without two hex digits stays as it is. */
    private static byte[] q(String text, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                bytes.write(' ');
            } else if (c == '=' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c <= 0x7F) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(charset)); // already a character (raw 8-bit text was decoded before)
            }
        }
        return bytes.toByteArray();
    }
}
