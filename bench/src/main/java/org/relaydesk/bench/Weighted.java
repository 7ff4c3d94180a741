package org.relaydesk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Picks values with given relative frequencies, e.g. far more medium than critical tickets. */
final class Weighted<T> {
    private final List<T> values = new ArrayList<>();
    private final List<Integer> cumulativeWeights = new ArrayList<>();
    private int total;

    Weighted<T> add(T value, int weight) {
        total += weight;
        values.add(value);
        cumulativeWeights.add(total);
        return this;
    }

    T pick(SplittableRandom random) {
        int ticket = random.nextInt(total);
        for (int i = 0; i < values.size(); i++) {
            if (ticket < cumulativeWeights.get(i)) {
                return values.get(i);
            }
        }
        throw new IllegalStateException("weights must be positive");
    }
}
