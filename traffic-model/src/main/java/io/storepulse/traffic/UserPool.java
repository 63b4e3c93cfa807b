package io.storepulse.traffic;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which legit users may start a session. A user who ends a session rests for more than the 30-minute session
 * gap, so two sessions of one user never merge into one event-time session window, and one user never runs two
 * sessions at once. When the configured rate needs more shoppers than are rested, new users sign up: the
 * population grows with the rate instead of any user going over the legit caps.
 */
final class UserPool {

    /** Just over the 30-minute inactivity gap of CONTRACT section 8, since exactly 30 minutes still merges. */
    static final long REST_MILLIS = 30 * 60_000L + 1_000;

    private int[] rested;
    private int restedCount;
    private final RestingUsers resting = new RestingUsers();
    private int population;

    UserPool(int initialPopulation) {
        rested = new int[initialPopulation];
        for (int i = 0; i < initialPopulation; i++) {
            rested[i] = i + 1;
        }
        restedCount = initialPopulation;
        population = initialPopulation;
    }

    /** A user number free to start a session at {@code now}, chosen at random among the rested ones. */
    int take(long now, SplittableRandom random) {
        while (resting.hasRestedBy(now)) {
            addRested(resting.poll());
        }
        if (restedCount == 0) {
            return ++population;
        }
        int slot = random.nextInt(restedCount);
        int user = rested[slot];
        rested[slot] = rested[--restedCount];
        return user;
    }

    void release(int user, long lastEventTime) {
        resting.add(user, lastEventTime + REST_MILLIS);
    }

    int population() {
        return population;
    }

    private void addRested(int user) {
        if (restedCount == rested.length) {
            rested = Arrays.copyOf(rested, Math.max(16, rested.length * 2));
        }
        rested[restedCount++] = user;
    }

    /**
     * Users in the order they finished their sessions, which is also the order they become rested. Stored in
     * fixed-size chunks: at high rates millions rest at once, and doubling one big array would copy them all.
     */
    private static final class RestingUsers {
        private static final int CHUNK = 8_192;

        private final ArrayDeque<int[]> userChunks = new ArrayDeque<>();
        private final ArrayDeque<long[]> timeChunks = new ArrayDeque<>();
        private int headIndex;
        private int tailIndex = CHUNK;

        void add(int user, long restedAt) {
            if (tailIndex == CHUNK) {
                userChunks.addLast(new int[CHUNK]);
                timeChunks.addLast(new long[CHUNK]);
                tailIndex = 0;
            }
            userChunks.peekLast()[tailIndex] = user;
            timeChunks.peekLast()[tailIndex] = restedAt;
            tailIndex++;
        }

        boolean hasRestedBy(long now) {
            return !isEmpty() && timeChunks.peekFirst()[headIndex] <= now;
        }

        int poll() {
            int user = userChunks.peekFirst()[headIndex++];
            boolean lastChunk = userChunks.size() == 1;
            if (lastChunk && headIndex == tailIndex) {
                userChunks.clear();
                timeChunks.clear();
                headIndex = 0;
                tailIndex = CHUNK;
            } else if (headIndex == CHUNK) {
                userChunks.removeFirst();
                timeChunks.removeFirst();
                headIndex = 0;
            }
            return user;
        }

        private boolean isEmpty() {
            return userChunks.isEmpty();
        }
    }
}
