package org.relaydesk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.relaydesk.plugin.assist.FrustrationQuality;
import org.relaydesk.plugin.assist.RoutingQuality;

/**
 * The {@code assist-quality} command: the AI assist plugin's routing quality on BANKING77, in this
 * process, against a keyword-search baseline measured in the same run (see {@link RoutingQuality}).
 */
final class AssistQualityBenchmark {
    static final Set<String> OPTIONS = Set.of("corpus", "questions-per-article");

    private AssistQualityBenchmark() {
    }

    static void run(Options options) throws IOException {
        Path corpus = Path.of(options.text("corpus", "../shared/corpora/kb/banking77"));
        int perArticle = options.integer("questions-per-article", 40);
        MarkdownTable table = new MarkdownTable("Ranking", "Questions", "Top-1", "Top-3", "p50 ms", "p95 ms");
        for (RoutingQuality.Result result : RoutingQuality.run(corpus, perArticle)) {
            table.row(result.method(), String.valueOf(result.questions()), percent(result.top1(), result.questions()),
                    percent(result.top3(), result.questions()), String.format("%.1f", result.p50Millis()), String.format("%.1f", result.p95Millis()));
        }
        System.out.print(table);

        MarkdownTable frustration = new MarkdownTable("Labelled set (BANKING77 messages, labelled by hand)", "Messages", "Frustrated (labelled)",
                "Flagged right", "Flagged wrongly", "Missed", "Precision", "Recall", "F1");
        String[][] sets = {{"banking77-frustration.tsv", "Set 1: the rules were written looking at its errors"},
                {"banking77-frustration-heldout.tsv", "Set 2: held out at first, then its errors were read too"},
                {"banking77-frustration-test.tsv", "Set 3: never looked at (the test)"}};
        for (String[] set : sets) {
            FrustrationQuality.Result mood = FrustrationQuality.run(set[0]);
            frustration.row(set[1], String.valueOf(mood.messages()), String.valueOf(mood.labelledFrustrated()), String.valueOf(mood.truePositives()),
                    String.valueOf(mood.falsePositives()), String.valueOf(mood.falseNegatives()), String.format("%.2f", mood.precision()),
                    String.format("%.2f", mood.recall()), String.format("%.2f", mood.f1()));
        }
        System.out.print(frustration);
    }

    private static String percent(int part, int whole) {
        return String.format("%.1f %% (%d)", 100.0 * part / whole, part);
    }
}
