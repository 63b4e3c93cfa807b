package io.storepulse.traffic;

import java.util.SplittableRandom;

/** Picks an index with probability proportional to its integer weight. */
final class WeightedChoice {

    private final int[] cumulative;

    WeightedChoice(int... weights) {
        cumulative = new int[weights.length];
        int total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weights must not be negative");
            }
            total += weights[i];
            cumulative[i] = total;
        }
        if (total == 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }

    int pick(SplittableRandom random) {
        return indexOf(random.nextInt(total()));
    }

    int pick(long hash) {
        return indexOf(StableHash.below(hash, total()));
    }

    private int total() {
        return cumulative[cumulative.length - 1];
    }

    private int indexOf(int roll) {
        int i = 0;
        while (cumulative[i] <= roll) {
            i++;
        }
        return i;
    }
}
