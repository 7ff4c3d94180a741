package org.relaydesk.plugin.assist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.relaydesk.api.assist.AssistTicket;

/**
 * The plugin's mood reader ({@link MoodReader}, the same class the plugin runs) against labelled
 * sets of customer messages (the bench's {@code frustration/} resources; their README says where
 * they came from and which were used to write the rules): precision, recall and F1 of "frustrated",
 * each message read as a new ticket's only message, and the errors, to read.
 */
public final class FrustrationQuality {
    private FrustrationQuality() {
    }

    public record Result(int messages, int labelledFrustrated, int truePositives, int falsePositives, int falseNegatives,
            List<String> missed, List<String> wronglyFlagged) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 0 : truePositives / (double) (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 0 : truePositives / (double) (truePositives + falseNegatives);
        }

        public double f1() {
            return precision() + recall() == 0 ? 0 : 2 * precision() * recall() / (precision() + recall());
        }
    }

    /** {@code set}: a file of the bench's {@code frustration/} resources. */
    public static Result run(String set) throws IOException {
        String tsv;
        try (InputStream in = FrustrationQuality.class.getResourceAsStream("/frustration/" + set)) {
            if (in == null) {
                throw new IOException("the labelled set is not on the class path");
            }
            tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int messages = 0;
        int labelled = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            String[] columns = line.split("\t", 3);
            if (columns.length < 3) {
                continue;
            }
            boolean frustrated = columns[1].strip().equals("1");
            String text = columns[2].strip();
            AssistTicket ticket = new AssistTicket(UUID.randomUUID(), UUID.randomUUID(), "#1", "", "new", "medium", "email", null, null, null,
                    List.of(), null, null, Instant.now(), List.of(new AssistTicket.Turn(AssistTicket.Author.CUSTOMER, text, Instant.now())), 0);
            boolean flagged = MoodReader.read(ticket).frustrated();
            messages++;
            labelled += frustrated ? 1 : 0;
            if (flagged && frustrated) {
                tp++;
            } else if (flagged) {
                fp++;
                wrong.add(text);
            } else if (frustrated) {
                fn++;
                missed.add(text);
            }
        }
        return new Result(messages, labelled, tp, fp, fn, missed, wrong);
    }
}
