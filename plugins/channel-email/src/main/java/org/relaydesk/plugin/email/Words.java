package org.relaydesk.plugin.email;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Header text as people meant it: RFC 2047 words decoded wherever they stand, and UTF-8 that was read as Latin-1 repaired. */
final class Words {
    private static final Pattern WORD = Pattern.compile("=\\?[^?\\s]+\\?[BbQq]\\?[^?\\s]*\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(=\\?[^?\\s]+\\?[BbQq]\\?[^?\\s]*\\?=)\\s+(?==\\?)");

    private Words() {
    }

    static String decode(String text) {
        if (text == null) {
            return null;
        }
        String value = repairUtf8(text);
        if (!value.contains("=?")) {
            return value;
        }
        value = BETWEEN_WORDS.matcher(value).replaceAll("$1"); // the space between two encoded words is not part of the text
        Matcher word = WORD.matcher(value);
        StringBuilder out = new StringBuilder();
        while (word.find()) {
            String decoded;
            try {
                decoded = MimeUtility.decodeWord(word.group());
            } catch (UnsupportedEncodingException | jakarta.mail.internet.ParseException | RuntimeException e) {
                decoded = word.group(); // an unknown charset: the word stays as written
            }
            word.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        word.appendTail(out);
        return out.toString();
    }

    /** Raw 8-bit header bytes are read one byte per char; when those bytes are valid UTF-8 (they nearly always are), read them as such. */
    static String repairUtf8(String text) {
        boolean high = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return text; // already decoded
            }
            high |= c > 0x7F;
        }
        if (!high) {
            return text;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return text;
        }
    }
}
