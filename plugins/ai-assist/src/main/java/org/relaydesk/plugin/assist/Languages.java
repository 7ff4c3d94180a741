package org.relaydesk.plugin.assist;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.relaydesk.api.assist.Classification;

/**
 * Which of the languages the help centre ships (en, pt, es, fr, de) a text is in, by its most
 * common words: enough to answer in the customer's language and to route to a team that speaks it.
 */
final class Languages {
    private static final Map<String, Set<String>> COMMON = Map.of(
            "en", Set.of("the", "and", "is", "to", "my", "i", "you", "it", "not", "have", "with", "this", "for", "can", "was", "please", "what", "how"),
            "pt", Set.of("o", "a", "de", "que", "não", "nao", "meu", "minha", "é", "um", "uma", "com", "para", "por", "favor", "obrigado", "você", "como", "está"),
            "es", Set.of("el", "la", "de", "que", "no", "mi", "es", "un", "una", "con", "para", "por", "favor", "gracias", "usted", "cómo", "está", "los", "las"),
            "fr", Set.of("le", "la", "les", "de", "je", "ne", "pas", "mon", "ma", "est", "un", "une", "avec", "pour", "vous", "merci", "comment", "et", "des"),
            "de", Set.of("der", "die", "das", "und", "ich", "nicht", "mein", "meine", "ist", "ein", "eine", "mit", "für", "bitte", "danke", "sie", "wie", "es"));
    private static final List<String> ORDER = List.of("en", "pt", "es", "fr", "de");

    private Languages() {
    }

    /** The likeliest language with a confidence, or null when too few of the text's words are common words of any. */
    static Classification.Guess guess(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        int[] counts = new int[ORDER.size()];
        int total = 0;
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            total++;
            for (int i = 0; i < ORDER.size(); i++) {
                if (COMMON.get(ORDER.get(i)).contains(word)) {
                    counts[i]++;
                }
            }
        }
        int best = 0;
        int second = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        for (int i = 0; i < counts.length; i++) {
            if (i != best && counts[i] > second) {
                second = counts[i];
            }
        }
        if (counts[best] < 2 || total == 0) {
            return null;
        }
        double margin = (counts[best] - second) / (double) counts[best];
        return new Classification.Guess(ORDER.get(best), Math.round(Math.min(1, 0.5 + margin / 2) * 100) / 100.0);
    }
}
