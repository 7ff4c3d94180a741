package org.relaydesk.plugin.email;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to read raw 8-bit bytes in a message's headers (RFC 5322 allows none, RFC 6532 allows UTF-8,
 * and older programs write their local charset). The parser keeps header bytes one byte per char
 * (ISO-8859-1), so nothing is lost before this decides: bytes that are valid UTF-8 are UTF-8; else
 * the charsets the message declares for its parts are tried in order (a program that writes raw
 * KOI8-R in the Subject labels its text KOI8-R too); else Windows-1252, the usual one; and bytes
 * even that cannot map stay as the Latin-1 characters they were read as, never U+FFFD.
 */
final class HeaderCharset {
    static final HeaderCharset UNDECLARED = new HeaderCharset(List.of());
    private static final Pattern DECLARED = Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9_.:+-]{1,40})");
    /** A message names only a few charsets; more are not worth trying. */
    private static final int MOST_DECLARED = 8;
    private final List<Charset> declared;

    private HeaderCharset(List<Charset> declared) {
        this.declared = declared;
    }

    /** The charsets a message's bytes declare (in Content-Type parameters), in their order, UTF-8 left out (it is tried first anyway). */
    static HeaderCharset of(byte[] raw) {
        Matcher matcher = DECLARED.matcher(new String(raw, StandardCharsets.ISO_8859_1));
        Set<Charset> found = new LinkedHashSet<>();
        while (matcher.find() && found.size() < MOST_DECLARED) {
            Charset charset = Charsets.forMime(matcher.group(1));
            if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
                found.add(charset);
            }
        }
        return new HeaderCharset(List.copyOf(new ArrayList<>(found)));
    }

    /** Header text read one byte per char, as the bytes meant it; text that holds other characters is already decoded and stays. */
    String repair(String text) {
        if (text == null) {
            return null;
        }
        boolean high = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return text;
            }
            high |= c > 0x7F;
        }
        return high ? decode(text.getBytes(StandardCharsets.ISO_8859_1)) : text;
    }

    /** Bytes without a declared charset of their own (raw header bytes, a text part that names no charset). */
    String decode(byte[] bytes) {
        String utf8 = Charsets.strictUtf8(bytes);
        if (utf8 != null) {
            return utf8;
        }
        for (Charset charset : declared) {
            if (Charsets.fits(bytes, charset)) {
                return new String(bytes, charset);
            }
        }
        return new String(bytes, Charsets.fits(bytes, Charsets.WINDOWS_1252) ? Charsets.WINDOWS_1252 : StandardCharsets.ISO_8859_1);
    }
}
