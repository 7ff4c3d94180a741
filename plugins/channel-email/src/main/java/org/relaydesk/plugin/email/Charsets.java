package org.relaydesk.plugin.email;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The charset to decode a MIME charset name with. Mail programs on Windows write the Windows
 * superset of a charset under the standard name (Outlook's ISO-2022-JP holds ① and ㈱, its
 * Shift_JIS the NEC and IBM rows, its ISO-8859-1 the curly quotes of Windows-1252), so each name is
 * read with its superset, as browsers (the WHATWG Encoding Standard) and mail programs do: the
 * superset decodes everything the standard charset does the same way.
 */
final class Charsets {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Map<String, String> SUPERSETS = Map.ofEntries(
            Map.entry("iso-2022-jp", "x-windows-50221"), // ISO-2022-JP with the NEC and IBM extensions and half-width kana
            Map.entry("csiso2022jp", "x-windows-50221"),
            Map.entry("shift_jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("gb2312", "GB18030"),
            Map.entry("gbk", "GB18030"),
            Map.entry("big5", "x-windows-950"),
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"),
            Map.entry("us-ascii", "windows-1252"),
            Map.entry("ascii", "windows-1252"),
            Map.entry("iso-8859-9", "windows-1254"),
            Map.entry("iso-8859-11", "x-windows-874"),
            Map.entry("tis-620", "x-windows-874"));

    private Charsets() {
    }

    /** The charset for a MIME charset name, or null when the JVM knows none by that name. */
    static Charset forMime(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String key = name.strip().replaceAll("^[\"']|[\"']$", "").toLowerCase(Locale.ROOT);
        String superset = SUPERSETS.get(key);
        try {
            if (superset != null && Charset.isSupported(superset)) {
                return Charset.forName(superset);
            }
            String java = MimeUtility.javaCharset(key);
            return Charset.isSupported(java) ? Charset.forName(java) : null;
        } catch (IllegalArgumentException e) {
            return null; // an illegal name
        }
    }

    /** The bytes as UTF-8 if they are valid UTF-8, else null. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether the bytes are text in this charset: no byte it cannot map. */
    static boolean fits(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
