package io.storepulse.traffic;

/**
 * SplitMix64 mixing. Attributes that belong to a user for life (persona, country, IP, card) are derived from a
 * hash of the seed and the user number, so they stay stable without being stored and without consuming the
 * simulation's random stream.
 */
final class StableHash {

    private StableHash() {
    }

    static long of(long seed, long value) {
        return mix(seed ^ mix(value + 0x9E3779B97F4A7C15L));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform value in [0, bound) taken from a hash. */
    static int below(long hash, int bound) {
        return (int) Math.floorMod(hash, (long) bound);
    }
}
