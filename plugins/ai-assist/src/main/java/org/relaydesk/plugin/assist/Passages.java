package org.relaydesk.plugin.assist;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an article into the passages that are searched and quoted: its title, its summary, then each
 * paragraph or list item, long ones in runs of whole sentences. A passage is what an answer quotes,
 * so it must read well on its own.
 */
final class Passages {
    static final int LONGEST = 400;
    static final int SHORTEST = 3;

    private Passages() {
    }

    static List<String> of(String title, String summary, String text) {
        List<String> passages = new ArrayList<>();
        add(passages, title);
        add(passages, summary);
        for (String block : (text == null ? "" : text).split("\\n\\s*\\n|\\n(?=\\s*(?:[-*•]|\\d+[.)])\\s)|\\n")) {
            String paragraph = block.strip().replaceFirst("^(?:[-*•]|\\d+[.)])\\s+", "").replaceAll("\\s+", " ");
            if (paragraph.length() <= LONGEST) {
                add(passages, paragraph);
            } else {
                StringBuilder run = new StringBuilder();
                for (String sentence : paragraph.split("(?<=[.!?])\\s+")) {
                    if (run.length() > 0 && run.length() + sentence.length() + 1 > LONGEST) {
                        add(passages, run.toString());
                        run.setLength(0);
                    }
                    run.append(run.length() == 0 ? "" : " ").append(sentence.length() > LONGEST ? sentence.substring(0, LONGEST) : sentence);
                }
                add(passages, run.toString());
            }
        }
        return passages;
    }

    private static void add(List<String> passages, String text) {
        if (text != null && text.strip().length() >= SHORTEST && !passages.contains(text.strip())) {
            passages.add(text.strip());
        }
    }
}
