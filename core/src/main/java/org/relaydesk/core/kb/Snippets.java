package org.relaydesk.core.kb;

/**
 * Search snippets made safe. PostgreSQL's ts_headline returns the stored text as it is, so the
 * matches are marked with control characters that never occur in article text; the text is then
 * escaped as a whole and only the marks become {@code <mark>} elements.
 */
public final class Snippets {
    static final String START = "\u0002";
    static final String STOP = "\u0003";
    /** The ts_headline options: the marks, and a snippet of about 15 to 35 words. */
    static final String OPTIONS = "StartSel=" + START + ", StopSel=" + STOP + ", MinWords=15, MaxWords=35, MaxFragments=2, FragmentDelimiter=\" … \"";

    private Snippets() {
    }

    public static String toHtml(String marked) {
        if (marked == null) {
            return "";
        }
        String clean = marked.replaceAll("[\\x00\\x01\\x04-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
        return escape(clean).replace(START, "<mark>").replace(STOP, "</mark>");
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
