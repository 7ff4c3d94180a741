package org.relaydesk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
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
    }

    private static String percent(int part, int whole) {
        return String.format("%.1f %% (%d)", 100.0 * part / whole, part);
    }
}
