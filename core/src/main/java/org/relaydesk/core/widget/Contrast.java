package org.relaydesk.core.widget;

/**
 * WCAG 2.1 contrast: the text colour on a widget's brand colour, white or black, whichever
 * contrasts more, so an admin's colour choice cannot make the widget unreadable.
 */
public final class Contrast {
    static final String LIGHT = "#FFFFFF";
    // pure black: with white, some text reaches 4.5:1 on every colour (at worst 4.58:1, at a luminance of 0.18)
    static final String DARK = "#000000";

    private Contrast() {
    }

    /** The text colour for {@code background} (#RRGGBB). */
    public static String textOn(String background) {
        double bg = luminance(background);
        return ratio(luminance(LIGHT), bg) >= ratio(luminance(DARK), bg) ? LIGHT : DARK;
    }

    /** The contrast ratio of two colours, 1 to 21. */
    public static double ratio(String a, String b) {
        return ratio(luminance(a), luminance(b));
    }

    private static double ratio(double a, double b) {
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16 & 0xFF) + 0.7152 * channel(rgb >> 8 & 0xFF) + 0.0722 * channel(rgb & 0xFF);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
