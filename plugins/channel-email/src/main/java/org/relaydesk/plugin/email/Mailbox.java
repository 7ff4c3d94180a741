package org.relaydesk.plugin.email;

import java.util.ArrayList;
import java.util.List;

/**
 * One mailbox of an address header (RFC 5322 3.4), read the way mail programs write them: a
 * display name in quotes keeps everything inside them, parentheses included; a comment outside
 * quotes is not part of it (but names an address that has no other name: {@code ann@x (Ann)});
 * a quoted local part keeps its spaces; a group's name is not a person's; the first mailbox of a
 * list is the one, and nothing of the second joins it; "a@x b@y" (two addresses without a comma)
 * gives the first.
 *
 * @param address the address, local part as written (quotes kept), comments and folding removed
 * @param personal the display name, its RFC 2047 words decoded, or null
 */
record Mailbox(String address, String personal) {
    /** Longer header values are read only this far (a sender's name and address fit many times over). */
    static final int LONGEST = 16 * 1024;

    /** The first mailbox of the header value (already decoded from raw bytes) that has a usable address, or null. */
    static Mailbox first(String header) {
        if (header == null) {
            return null;
        }
        String value = header.length() > LONGEST ? header.substring(0, LONGEST) : header;
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i <= value.length()) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (c == ',' || c == ';') {
                Mailbox mailbox = of(tokens);
                if (mailbox != null) {
                    return mailbox;
                }
                tokens.clear();
                i++;
            } else if (c == ':' && tokens.stream().noneMatch(t -> t.kind == Kind.ANGLE)) {
                tokens.clear(); // "Group name:" precedes the group's mailboxes
                i++;
            } else if (c == '"') {
                int end = quoted(value, i);
                tokens.add(new Token(Kind.QUOTED, unquote(value.substring(i + 1, Math.max(i + 1, end - 1))), space(value, i)));
                i = end;
            } else if (c == '(') {
                int end = comment(value, i);
                tokens.add(new Token(Kind.COMMENT, unquote(value.substring(i + 1, Math.max(i + 1, end - 1))).strip(), space(value, i)));
                i = end;
            } else if (c == '<') {
                int end = angle(value, i);
                tokens.add(new Token(Kind.ANGLE, value.substring(i + 1, Math.max(i + 1, end - 1)), space(value, i)));
                i = end;
            } else if (Character.isWhitespace(c) || c == '>' || c == ')') {
                i++;
            } else {
                int start = i;
                while (i < value.length() && ",;:\"(<>)".indexOf(value.charAt(i)) < 0 && !Character.isWhitespace(value.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    i++; // a ':' after an angle address: not a group, taken as a character of its own
                }
                tokens.add(new Token(Kind.ATOM, value.substring(start, i), space(value, start)));
            }
        }
        return of(tokens); // an unclosed quote, comment or angle ran to the end
    }

    private enum Kind { ATOM, QUOTED, COMMENT, ANGLE }

    /** A token, and whether whitespace came before it (words of an address are written together). */
    private record Token(Kind kind, String text, boolean spaced) {
    }

    private static Mailbox of(List<Token> tokens) {
        for (int a = 0; a < tokens.size(); a++) {
            if (tokens.get(a).kind != Kind.ANGLE) {
                continue;
            }
            String address = angleAddress(tokens.get(a).text);
            if (address == null) {
                break;
            }
            List<String> phrase = new ArrayList<>();
            String comment = null;
            for (int p = 0; p < tokens.size(); p++) {
                Token token = tokens.get(p);
                if (p < a && (token.kind == Kind.ATOM || token.kind == Kind.QUOTED)) {
                    phrase.add(token.text);
                } else if (token.kind == Kind.COMMENT && comment == null && !token.text.isBlank()) {
                    comment = token.text;
                }
            }
            String personal = phrase.isEmpty() ? comment : String.join(" ", phrase);
            return new Mailbox(address, name(personal));
        }
        // no angle address: the first word (tokens written together) that is an address
        List<Token> word = new ArrayList<>();
        String comment = null;
        String address = null;
        for (Token token : tokens) {
            if (token.kind == Kind.COMMENT) {
                comment = comment == null && !token.text.isBlank() ? token.text : comment;
                continue;
            }
            if (token.spaced && !word.isEmpty() && address == null) {
                address = address(word);
                word.clear();
            }
            word.add(token);
        }
        if (address == null) {
            address = address(word);
        }
        return address == null ? null : new Mailbox(address, name(comment));
    }

    private static String name(String personal) {
        if (personal == null) {
            return null;
        }
        String name = Words.words(personal).strip();
        return name.isEmpty() ? null : name;
    }

    /** The tokens as one address, if they are one: quoted strings keep their quotes. */
    private static String address(List<Token> word) {
        StringBuilder out = new StringBuilder();
        for (Token token : word) {
            out.append(token.kind == Kind.QUOTED ? "\"" + token.text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : token.text);
        }
        return valid(out.toString()) ? out.toString() : null;
    }

    /** What is between '<' and '>': comments, folding and a source route ("@relay:") removed. */
    private static String angleAddress(String inner) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < inner.length()) {
            char c = inner.charAt(i);
            if (c == '"') {
                int end = Math.min(inner.length(), quoted(inner, i)); // an unclosed quote runs to the end
                out.append(inner, i, end);
                i = end;
            } else if (c == '(') {
                i = comment(inner, i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        String address = out.toString();
        if (address.startsWith("@") && address.contains(":")) {
            address = address.substring(address.indexOf(':') + 1);
        }
        return valid(address) ? address : null;
    }

    /** local@domain, the local part an atom run or a quoted string. */
    private static boolean valid(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        boolean quotedLocal = local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"");
        return domain.chars().noneMatch(ch -> ch == '@' || ch == '"' || Character.isWhitespace(ch))
                && (quotedLocal || local.chars().noneMatch(ch -> ch == '@' || ch == '"' || Character.isWhitespace(ch)));
    }

    private static boolean space(String value, int at) {
        return at > 0 && Character.isWhitespace(value.charAt(at - 1));
    }

    /** The index after the closing quote (or the end), honouring backslash escapes. */
    private static int quoted(String value, int open) {
        int i = open + 1;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return value.length() + 1;
    }

    /** The index after the closing parenthesis of a (possibly nested) comment, or the end. */
    private static int comment(String value, int open) {
        int depth = 0;
        int i = open;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return value.length() + 1;
    }

    /** The index after the '>' that closes an angle address (quoted strings inside it read whole), or the end. */
    private static int angle(String value, int open) {
        int i = open + 1;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '"') {
                i = quoted(value, i);
            } else if (c == '>') {
                return i + 1;
            } else {
                i++;
            }
        }
        return value.length() + 1;
    }

    private static String unquote(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
