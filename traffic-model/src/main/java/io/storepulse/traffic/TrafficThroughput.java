package io.storepulse.traffic;

/**
 * Benchmark, not a test: how many records per second one thread generates and encodes, printed every second
 * and overall. Arguments: [seconds, default 10] [rate in records per second of event time, default 200].
 */
public final class TrafficThroughput {

    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final int BATCH = 10_000;
    /** The first seconds are JIT compilation; the steady rate is measured after them. */
    private static final int WARM_UP_SECONDS = 2;

    private TrafficThroughput() {
    }

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : TrafficConfig.DEFAULT_RATE;
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults().withRate(rate));

        long started = System.nanoTime();
        long secondStarted = started;
        long recordsAtSecondStart = 0;
        long recordsAfterWarmUp = 0;
        long warmUpEnded = 0;
        long records = 0;
        long bytes = 0;
        int second = 0;
        while (second < seconds) {
            for (int i = 0; i < BATCH; i++) {
                bytes += generator.next().value().length;
            }
            records += BATCH;
            long now = System.nanoTime();
            if (now - secondStarted >= SECOND_NANOS) {
                second++;
                System.out.printf("second %3d: %,10.0f records/s%n", second,
                        (records - recordsAtSecondStart) * 1e9 / (now - secondStarted));
                secondStarted = now;
                recordsAtSecondStart = records;
                if (second == WARM_UP_SECONDS) {
                    warmUpEnded = now;
                    recordsAfterWarmUp = records;
                }
            }
        }
        long ended = System.nanoTime();
        System.out.printf("rate %.0f/s of event time: %,d records (%,.0f value bytes) in %.1f s: %,.0f records/s overall",
                rate, records, (double) bytes, (ended - started) / 1e9, records * 1e9 / (ended - started));
        if (warmUpEnded > 0 && ended > warmUpEnded) {
            System.out.printf(", %,.0f records/s after %d s of warm-up",
                    (records - recordsAfterWarmUp) * 1e9 / (ended - warmUpEnded), WARM_UP_SECONDS);
        }
        System.out.println();
        System.out.println("by origin: " + generator.counts());
        System.out.printf("legit users %,d, sessions %,d, in progress %,d, heap used %,d MB%n",
                generator.legitUsers(), generator.legitSessions(), generator.sessionsInProgress(),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }
}
