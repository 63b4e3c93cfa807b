package io.storepulse.producer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the producer app; each is overridable by environment variable (STOREPULSE_...). */
@ConfigMapping(prefix = "storepulse")
public interface ProducerConfig {

    /**
     * The API keys (STOREPULSE_API_KEY, comma-separated while a key is rotated: every one is valid); the launcher
     * creates one when none is configured.
     */
    Optional<List<String>> apiKey();

    Collector collector();

    Generator generator();

    interface Collector {
        /** Most events one request may carry (CONTRACT section 4). */
        @WithDefault("10000")
        int maxEvents();

        /**
         * The largest event one request may carry, in bytes of its JSON; a larger one is rejected with its index and
         * the rest of the request taken. Keep it under the producer's {@code max.request.size} (1 MiB by default).
         */
        @WithDefault("1000000")
        int maxEventBytes();

        /** Sent as Retry-After with a 503. */
        @WithDefault("5s")
        Duration retryAfter();

        /** How far ahead of this server's clock an event_time may be. */
        @WithDefault("5m")
        Duration maxFutureSkew();

        /** When true, every /v1 call of this app needs "Authorization: Bearer <api key>". */
        @WithDefault("false")
        boolean requireApiKey();

        /**
         * Events per second one client (by address) may send; past it the collector answers 429 with Retry-After.
         * 0 turns the limit off. The generator inside the app is not a client and is never limited.
         */
        @WithDefault("10000")
        int rateLimit();

        /** Events a client may send at once above its rate (a bucket's size); at least the rate. */
        @WithDefault("30000")
        int rateBurst();
    }

    interface Generator {
        /** Events per second when the app starts; 0 leaves the generator off. */
        @WithDefault("0")
        int rate();

        /** Seed of the simulation: the same seed, start time and rate give the same events. */
        @WithDefault("42")
        long seed();

        @WithDefault("50000")
        int users();

        @WithDefault("2000")
        int products();

        @WithDefault("0.002")
        double fraudRatio();

        @WithDefault("0.01")
        double lateRatio();

        @WithDefault("0.002")
        double lateBeyondGraceRatio();

        @WithDefault("0.01")
        double duplicateRatio();

        @WithDefault("0.0005")
        double malformedRatio();

        /** The processor's grace period, so "late beyond grace" events really are. */
        @WithDefault("10m")
        Duration grace();

        /** Highest rate POST /v1/generator/start accepts. */
        @WithDefault("1000000")
        int maxRate();

        /** Records sent but not yet acknowledged before the generator pauses (bounds memory if Kafka slows). */
        @WithDefault("200000")
        int maxInFlight();
    }
}
