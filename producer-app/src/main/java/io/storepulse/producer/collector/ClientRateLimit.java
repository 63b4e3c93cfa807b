package io.storepulse.producer.collector;

import io.storepulse.producer.config.ProducerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Events per second per client (its address), so one client cannot fill the topics: a token bucket of
 * {@code storepulse.collector.rate-limit} events/s holding at most {@code rate-burst}. A request is refused while
 * its client's bucket is empty; a request that is let in is charged every event it carried, so a client that
 * overdraws waits until the debt is refilled. At most one request of overshoot, nothing cut in half.
 */
@ApplicationScoped
public class ClientRateLimit {

    /** Buckets not touched for this long are full again and forgotten, so the map stays bounded by active clients. */
    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final int SWEEP_ABOVE = 10_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    @Inject
    public ClientRateLimit(ProducerConfig config) {
        this(config.collector().rateLimit(), config.collector().rateBurst(), System::nanoTime);
    }

    ClientRateLimit(int perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = Math.max(burst, perSecond);
        this.nanoTime = nanoTime;
    }

    public boolean enabled() {
        return perSecond > 0;
    }

    /** 0 when {@code client} may send now, else the whole seconds until it may (for Retry-After). */
    public long secondsUntilAllowed(String client) {
        if (!enabled()) {
            return 0;
        }
        Bucket bucket = refilled(client);
        synchronized (bucket) {
            return bucket.tokens > 0 ? 0 : Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }

    /** Charges {@code events} to {@code client}'s bucket (it may go below zero). */
    public void charge(String client, int events) {
        if (!enabled() || events <= 0) {
            return;
        }
        Bucket bucket = refilled(client);
        synchronized (bucket) {
            bucket.tokens -= events;
        }
    }

    private Bucket refilled(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> now - bucket.updated > IDLE_NANOS);
        }
        Bucket bucket = buckets.computeIfAbsent(client, key -> new Bucket(burst, now));
        synchronized (bucket) {
            double refill = (now - bucket.updated) / 1e9 * perSecond;
            bucket.tokens = Math.min(burst, bucket.tokens + refill);
            bucket.updated = now;
        }
        return bucket;
    }
}
