package io.storepulse.traffic;

import java.time.Duration;
import java.util.Map;

/**
 * Benchmark, not a test: how many records per second one thread generates and encodes.
 * Arguments: [seconds, default 10] [rate in events/s of event time, default 200].
 */
public final class TrafficThroughput {

    private TrafficThroughput() {
    }

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : TrafficConfig.DEFAULT_RATE;
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults().withRate(rate));
        long bytes = 0;
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(seconds).toNanos();
        long lastReport = started;
        long reportedRecords = 0;
        long records = 0;
        while (true) {
            for (int i = 0; i < 10_000; i++) {
                bytes += generator.next().value().length;
            }
            records += 10_000;
            long now = System.nanoTime();
            if (now - lastReport >= 1_000_000_000L) {
                System.out.printf("%,12.0f records/s%n", (records - reportedRecords) * 1e9 / (now - lastReport));
                reportedRecords = records;
                lastReport = now;
            }
            if (now >= deadline) {
                double elapsed = (now - started) / 1e9;
                System.out.printf("rate %.0f ev/s of event time: %,d records in %.1f s = %,.0f records/s, %.1f MB/s%n",
                        rate, records, elapsed, records / elapsed, bytes / elapsed / 1e6);
                Map<Origin, Long> counts = generator.counts();
                System.out.println("by origin: " + counts);
                System.out.println("legit users: " + generator.legitUsers() + ", sessions: "
                        + generator.legitSessions());
                return;
            }
        }
    }
}
