package org.relaydesk.core.kb;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL names of articles and categories: lowercase ASCII letters, digits and single hyphens. */
public final class Slugs {
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    public static final int MAX = 120;

    private Slugs() {
    }

    public static boolean valid(String slug) {
        return slug != null && slug.length() <= MAX && SLUG.matcher(slug).matches();
    }

    /** "Réinitialiser le mot de passe!" becomes "reinitialiser-le-mot-de-passe"; a title of no Latin letters gives "". */
    public static String fromTitle(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-+$", "");
        }
        return slug;
    }
}
