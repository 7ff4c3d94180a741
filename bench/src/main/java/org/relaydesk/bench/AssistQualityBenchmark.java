package org.relaydesk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.relaydesk.plugin.assist.FrustrationQuality;
import org.relaydesk.plugin.assist.LearntMoodTrial;
import org.relaydesk.plugin.assist.RoutingQuality;

/**
 * The {@code assist-quality} command: the AI assist plugin's routing quality on BANKING77, in this
 * process, against a keyword-search baseline measured in the same run (see {@link RoutingQuality}); its
 * frustration detection on hand-labelled sets, how far two annotators agree on them, and a learnt
 * alternative ({@link LearntMoodTrial}).
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
                {"banking77-frustration-test.tsv", "Set 3: held out until its one measurement, then read"},
                {"banking77-frustration-set4.tsv", "Set 4: never looked at (the test)"}};
        for (String[] set : sets) {
            row(frustration, set[1], FrustrationQuality.run(set[0]));
        }
        System.out.print(frustration);

        MarkdownTable agreement = new MarkdownTable("Second annotator against the first", "Messages", "Frustrated (first)",
                "Agreed", "Only the second", "Only the first", "Precision", "Recall", "F1");
        row(agreement, "Set 3", FrustrationQuality.agreement("banking77-frustration-test.tsv", "banking77-frustration-test-second-annotator.tsv"));
        row(agreement, "Set 4", FrustrationQuality.agreement("banking77-frustration-set4-annotator-a.tsv",
                "banking77-frustration-set4-annotator-b.tsv"));
        System.out.print(agreement);

        LearntMoodTrial.Outcome learnt = LearntMoodTrial.run(List.of("banking77-frustration.tsv", "banking77-frustration-heldout.tsv",
                "banking77-frustration-test.tsv"), "banking77-frustration-set4.tsv");
        MarkdownTable trial = new MarkdownTable("Learnt alternative (logistic regression over the sentence vectors)", "Messages", "Frustrated (labelled)",
                "Flagged right", "Flagged wrongly", "Missed", "Precision", "Recall", "F1");
        row(trial, String.format("Set 4, trained on sets 1-3 (%d messages, %d frustrated; threshold %.1f, cross-validated F1 %.2f)",
                learnt.trainingMessages(), learnt.trainingFrustrated(), learnt.threshold(), learnt.crossValidatedF1()), learnt.test());
        System.out.print(trial);
    }

    private static void row(MarkdownTable table, String name, FrustrationQuality.Result result) {
        table.row(name, String.valueOf(result.messages()), String.valueOf(result.labelledFrustrated()), String.valueOf(result.truePositives()),
                String.valueOf(result.falsePositives()), String.valueOf(result.falseNegatives()), String.format("%.2f", result.precision()),
                String.format("%.2f", result.recall()), String.format("%.2f", result.f1()));
    }

    private static String percent(int part, int whole) {
        return String.format("%.1f %% (%d)", 100.0 * part / whole, part);
    }
}
