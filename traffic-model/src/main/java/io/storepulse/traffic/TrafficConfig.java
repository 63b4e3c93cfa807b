package io.storepulse.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything that shapes a generated stream. The same config always yields the same records, byte for byte.
 *
 * @param seed                 seeds the single random source of the simulation
 * @param start                event time of the first record
 * @param rate                 records per second of event time: record i is stamped start + i * 1000 / rate ms
 * @param users                legit users known at the start ({@code u-1} ... {@code u-<users>}); more sign up when
 *                             the rate needs more shoppers than these can supply
 * @param products             catalogue size ({@code p-1} ... {@code p-<products>}, prices 5.00 to 400.00)
 * @param warehouses           warehouses holding stock of every product ({@code w-1} ...)
 * @param fraudRatio           probability that an actor who starts is a fraudster running one episode
 * @param lateRatio            share of records that are legit events arriving late but within the grace period
 * @param lateBeyondGraceRatio share of records that are legit events arriving later than the grace period
 * @param duplicateRatio       share of records that resend a recent event unchanged
 * @param malformedRatio       share of records that are undecodable bytes on an input topic
 * @param grace                the processor's grace period for late events
 */
public record TrafficConfig(
        long seed,
        Instant start,
        double rate,
        int users,
        int products,
        int warehouses,
        double fraudRatio,
        double lateRatio,
        double lateBeyondGraceRatio,
        double duplicateRatio,
        double malformedRatio,
        Duration grace) {

    public static final long DEFAULT_SEED = 42L;
    /** A fixed default keeps runs reproducible; a live producer passes its own clock's instant. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-21T10:00:00Z");
    public static final double DEFAULT_RATE = 200.0;
    public static final int DEFAULT_USERS = 50_000;
    public static final int DEFAULT_PRODUCTS = 2_000;
    public static final int DEFAULT_WAREHOUSES = 3;
    public static final double DEFAULT_FRAUD_RATIO = 0.002;
    public static final double DEFAULT_LATE_RATIO = 0.01;
    public static final double DEFAULT_LATE_BEYOND_GRACE_RATIO = 0.002;
    public static final double DEFAULT_DUPLICATE_RATIO = 0.01;
    public static final double DEFAULT_MALFORMED_RATIO = 0.0005;
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

    /** The shares of late, duplicate and malformed records together must leave room for on-time traffic. */
    static final double MAX_NOISE_SHARE = 0.5;
    /** Late events are 1 s to grace/2 late, so a shorter grace leaves no room for them. */
    static final Duration MIN_GRACE = Duration.ofSeconds(10);
    /** Fraud baskets and legit funnels need a handful of distinct products. */
    static final int MIN_PRODUCTS = 20;

    public TrafficConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(grace, "grace");
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of events per second, was " + rate);
        }
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, was " + users);
        }
        if (products < MIN_PRODUCTS) {
            throw new IllegalArgumentException("products must be at least " + MIN_PRODUCTS + ", was " + products);
        }
        if (warehouses < 1) {
            throw new IllegalArgumentException("warehouses must be at least 1, was " + warehouses);
        }
        requireProbability("fraudRatio", fraudRatio);
        requireProbability("lateRatio", lateRatio);
        requireProbability("lateBeyondGraceRatio", lateBeyondGraceRatio);
        requireProbability("duplicateRatio", duplicateRatio);
        requireProbability("malformedRatio", malformedRatio);
        double noise = lateRatio + lateBeyondGraceRatio + duplicateRatio + malformedRatio;
        if (noise > MAX_NOISE_SHARE) {
            throw new IllegalArgumentException("late, duplicate and malformed ratios together must not exceed "
                    + MAX_NOISE_SHARE + ", were " + noise);
        }
        if (grace.compareTo(MIN_GRACE) < 0) {
            throw new IllegalArgumentException("grace must be at least " + MIN_GRACE + ", was " + grace);
        }
    }

    public static TrafficConfig defaults() {
        return new TrafficConfig(DEFAULT_SEED, DEFAULT_START, DEFAULT_RATE, DEFAULT_USERS, DEFAULT_PRODUCTS,
                DEFAULT_WAREHOUSES, DEFAULT_FRAUD_RATIO, DEFAULT_LATE_RATIO, DEFAULT_LATE_BEYOND_GRACE_RATIO,
                DEFAULT_DUPLICATE_RATIO, DEFAULT_MALFORMED_RATIO, DEFAULT_GRACE);
    }

    public TrafficConfig withSeed(long seed) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withStart(Instant start) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withRate(double rate) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withUsers(int users) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withProducts(int products) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withWarehouses(int warehouses) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withFraudRatio(double fraudRatio) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withLateRatio(double lateRatio) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withLateBeyondGraceRatio(double lateBeyondGraceRatio) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withDuplicateRatio(double duplicateRatio) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withMalformedRatio(double malformedRatio) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    public TrafficConfig withGrace(Duration grace) {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, lateRatio,
                lateBeyondGraceRatio, duplicateRatio, malformedRatio, grace);
    }

    /** A config with no late, duplicate or malformed records: only on-time legit and fraud traffic. */
    public TrafficConfig withoutNoise() {
        return new TrafficConfig(seed, start, rate, users, products, warehouses, fraudRatio, 0, 0, 0, 0, grace);
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
