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

    /** One labelled message of a set. */
    public record Labelled(String text, boolean frustrated) {
    }

    /** {@code set}: a file of the bench's {@code frustration/} resources. */
    public static Result run(String set) throws IOException {
        List<Labelled> messages = labelled(set);
        List<Boolean> flagged = new ArrayList<>();
        for (Labelled message : messages) {
            AssistTicket ticket = new AssistTicket(UUID.randomUUID(), UUID.randomUUID(), "#1", "", "new", "medium", "email", null, null, null,
                    List.of(), null, null, Instant.now(), List.of(new AssistTicket.Turn(AssistTicket.Author.CUSTOMER, message.text(), Instant.now())), 0);
            flagged.add(MoodReader.read(ticket).frustrated());
        }
        return score(messages, flagged);
    }

    /**
     * How far a second annotator agrees with the first on the same messages: the second's labels
     * scored as if they were a detector's, against the first's. The ceiling a detector can be held to.
     */
    public static Result agreement(String first, String second) throws IOException {
        List<Labelled> reference = labelled(first);
        List<Labelled> other = labelled(second);
        if (reference.size() != other.size()) {
            throw new IOException(first + " and " + second + " do not hold the same messages");
        }
        List<Boolean> flagged = new ArrayList<>();
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).text().equals(reference.get(i).text())) {
                throw new IOException(first + " and " + second + " differ at message " + i);
            }
            flagged.add(other.get(i).frustrated());
        }
        return score(reference, flagged);
    }

    static Result score(List<Labelled> messages, List<Boolean> flagged) {
        int labelled = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            boolean frustrated = messages.get(i).frustrated();
            labelled += frustrated ? 1 : 0;
            if (flagged.get(i) && frustrated) {
                tp++;
            } else if (flagged.get(i)) {
                fp++;
                wrong.add(messages.get(i).text());
            } else if (frustrated) {
                fn++;
                missed.add(messages.get(i).text());
            }
        }
        return new Result(messages.size(), labelled, tp, fp, fn, missed, wrong);
    }

    public static List<Labelled> labelled(String set) throws IOException {
        String tsv;
        try (InputStream in = FrustrationQuality.class.getResourceAsStream("/frustration/" + set)) {
            if (in == null) {
                throw new IOException("the labelled set " + set + " is not on the class path");
            }
            tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Labelled> messages = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            String[] columns = line.split("\t", 3);
            if (columns.length == 3) {
                messages.add(new Labelled(columns[2].strip(), columns[1].strip().equals("1")));
            }
        }
        return messages;
    }
}
