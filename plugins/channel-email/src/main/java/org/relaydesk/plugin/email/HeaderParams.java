package org.relaydesk.plugin.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Content-Type or Content-Disposition value read the forgiving way mail programs read it: a
 * doubled semicolon, an unquoted value with '=' or spaces in it, a name in RFC 2047 words where it
 * does not belong, raw UTF-8 or Latin-1 bytes, and RFC 2231 continuations and charsets are all
 * understood. Jakarta Mail refuses several of these outright.
 */
record HeaderParams(String value, Map<String, String> params) {
    static HeaderParams parse(String header) {
        return parse(header, HeaderCharset.UNDECLARED);
    }

    /** The header as read (raw 8-bit bytes one per char), its raw bytes read as {@code raw} says. */
    static HeaderParams parse(String header, HeaderCharset raw) {
        if (header == null) {
            return new HeaderParams("", Map.of());
        }
        String unfolded = header.replaceAll("\\r?\\n[ \\t]*", " ").trim();
        int semicolon = unfolded.indexOf(';');
        String value = (semicolon < 0 ? unfolded : unfolded.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> continued = new LinkedHashMap<>();
        int i = semicolon < 0 ? unfolded.length() : semicolon + 1;
        while (i < unfolded.length()) {
            while (i < unfolded.length() && (unfolded.charAt(i) == ';' || Character.isWhitespace(unfolded.charAt(i)))) {
                i++;
            }
            int eq = unfolded.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = unfolded.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < unfolded.length() && unfolded.charAt(i) == ' ') {
                i++;
            }
            String text;
            if (i < unfolded.length() && unfolded.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (i < unfolded.length() && unfolded.charAt(i) != '"') {
                    char c = unfolded.charAt(i);
                    if (c == '\\' && i + 1 < unfolded.length() && unfolded.charAt(i + 1) == '"') {
                        c = '"';
                        i++;
                    }
                    quoted.append(c);
                    i++;
                }
                i++;
                text = quoted.toString();
                int next = unfolded.indexOf(';', i);
                i = next < 0 ? unfolded.length() : next;
            } else {
                int next = nextSeparator(unfolded, i);
                text = unfolded.substring(i, next).trim();
                i = next;
            }
            if (name.isEmpty() || name.contains(" ")) {
                continue;
            }
            int star = name.indexOf('*');
            if (star < 0) {
                plain.putIfAbsent(name, text);
            } else {
                String base = name.substring(0, star);
                String rest = name.substring(star + 1);
                boolean encoded = rest.endsWith("*") || rest.isEmpty();
                String index = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
                int n = index.isEmpty() ? 0 : parseIndex(index);
                continued.computeIfAbsent(base, k -> new TreeMap<>()).put(n, new String[] {text, encoded ? "*" : ""});
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        continued.forEach((name, parts) -> params.put(name, join(parts, raw)));
        plain.forEach((name, text) -> params.putIfAbsent(name, Words.decode(text, raw)));
        return new HeaderParams(value, params);
    }

    /** The next ';' that starts another parameter (a ';' inside an unquoted file name stays in it). Looks only at what follows each ';'. */
    private static int nextSeparator(String s, int from) {
        int at = from;
        while (true) {
            int semicolon = s.indexOf(';', at);
            if (semicolon < 0) {
                return s.length();
            }
            if (startsParameter(s, semicolon + 1)) {
                return semicolon;
            }
            at = semicolon + 1;
        }
    }

    /** Whether the text from {@code i} is empty, another ';', or "name =" (a parameter name is letters, digits and _.*-). */
    private static boolean startsParameter(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i == s.length() || s.charAt(i) == ';') {
            return true;
        }
        int name = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 0x80 || "_.*-".indexOf(s.charAt(i)) >= 0)) {
            i++;
        }
        if (i == name) {
            return false;
        }
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() && s.charAt(i) == '=';
    }

    private static int parseIndex(String index) {
        try {
            return Integer.parseInt(index);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    String get(String name) {
        String found = params.get(name);
        return found == null || found.isBlank() ? null : found;
    }

    /**
     * RFC 2231: the first segment may name a charset ("utf-8''%D0%A1..."); encoded segments are
     * percent-escaped. The segments' bytes are joined first (a character may be split between two),
     * then read in the named charset, or, when none is named, as raw header bytes are.
     */
    private static String join(TreeMap<Integer, String[]> parts, HeaderCharset raw) {
        Charset charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (String[] part : parts.values()) {
            String text = part[0];
            boolean encoded = part[1].equals("*");
            if (first && encoded) {
                int quote = text.indexOf('\'');
                int second = quote < 0 ? -1 : text.indexOf('\'', quote + 1);
                if (second > 0) {
                    charset = Charsets.forMime(text.substring(0, quote));
                    text = text.substring(second + 1);
                }
            }
            first = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (encoded && c == '%' && hex(text, i)) {
                    bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                } else if (c <= 0xFF) {
                    bytes.write(c); // a byte as it was read
                } else {
                    bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return charset != null ? new String(bytes.toByteArray(), charset) : raw.decode(bytes.toByteArray());
    }

    private static boolean hex(String text, int at) {
        return at + 2 < text.length() && Character.digit(text.charAt(at + 1), 16) >= 0 && Character.digit(text.charAt(at + 2), 16) >= 0;
    }
}
