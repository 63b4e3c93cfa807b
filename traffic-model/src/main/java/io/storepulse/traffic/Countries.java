package io.storepulse.traffic;

import java.util.SplittableRandom;

/** Where shoppers live, weighted roughly like a US-based shop's traffic, and the IPv4 blocks they browse from. */
final class Countries {

    private static final String[] CODES = {"US", "GB", "DE", "FR", "CA", "NL", "ES", "IT", "AU", "JP", "BR", "IN"};
    private static final WeightedChoice WEIGHTS = new WeightedChoice(40, 10, 9, 7, 7, 5, 5, 5, 4, 3, 3, 2);
    /** First octets of public unicast ranges per country; none is private, loopback or multicast. */
    private static final int[][] FIRST_OCTETS = {
            {23, 24, 47, 50, 68, 73, 98, 174},
            {2, 31, 51, 81, 86},
            {46, 79, 84, 91, 93},
            {37, 82, 88, 90},
            {24, 70, 99, 142},
            {77, 80, 145},
            {83, 88, 95},
            {79, 87, 151},
            {1, 49, 101, 203},
            {60, 61, 126, 133},
            {177, 179, 186, 189},
            {49, 103, 106, 117}};

    private Countries() {
    }

    static String code(int country) {
        return CODES[country];
    }

    static int pick(long hash) {
        return WEIGHTS.pick(hash);
    }

    static int pick(SplittableRandom random) {
        return WEIGHTS.pick(random);
    }

    /** A valid IPv4 literal inside the country's blocks, the same for the same hash. */
    static String ipAddress(int country, long hash) {
        int[] octets = FIRST_OCTETS[country];
        int first = octets[StableHash.below(hash, octets.length)];
        long rest = StableHash.mix(hash);
        return new StringBuilder(15)
                .append(first).append('.')
                .append((int) (rest & 0xFF)).append('.')
                .append((int) ((rest >>> 8) & 0xFF)).append('.')
                .append(1 + (int) ((rest >>> 16) & 0xFF) % 254)
                .toString();
    }
}
