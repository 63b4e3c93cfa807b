package io.storepulse.traffic;

import java.util.SplittableRandom;

/** What every episode planner draws on: the shared random source, the catalogue, event and basket makers. */
record EpisodeTools(SplittableRandom random, Catalogue catalogue, EventFactory events, Baskets baskets,
                    IdSequence cardIds) {

    /** A uniform pause in [min, max] ms. */
    long pause(long minMillis, long maxMillis) {
        return minMillis + random.nextLong(maxMillis - minMillis + 1);
    }
}
