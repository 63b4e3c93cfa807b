package io.storepulse.processor.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.storepulse.model.validation.Money;
import io.storepulse.processor.rules.FraudThresholds;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the processor's topology; each is overridable by environment variable (STOREPULSE_...). */
@ConfigMapping(prefix = "storepulse")
public interface ProcessorConfig {

    /** How late an event may arrive and still count (CONTRACT section 7); later ones go to late-events. */
    @WithDefault("10m")
    Duration grace();

    Validation validation();

    Sessions sessions();

    Features features();

    Inventory inventory();

    Revenue revenue();

    Fraud fraud();

    Commits commits();

    UserState userState();

    Rocksdb rocksdb();

    Shutdown shutdown();

    /**
     * The keys {@code /internal/v1} takes as {@code Authorization: Bearer <key>} (STOREPULSE_INTERNAL_KEY,
     * comma-separated while one is rotated); none: the endpoints are open (InternalKeys).
     */
    Optional<List<String>> internalKey();

    /** How the processor stops. */
    interface Shutdown {
        /**
         * How long a stop waits for Kafka Streams to commit and close. Past it (no broker answers, say) the process
         * halts with exit status 70, as a crash would end it; keep it below Kubernetes'
         * {@code terminationGracePeriodSeconds} (30 s unless set).
         */
        @WithDefault("20s")
        Duration timeout();
    }

    /** The one record per user that de-duplication, sessions, features and the fraud rules share. */
    interface UserState {
        /**
         * {@code memory} (the faster, docs/PERFORMANCE.md) holds in the heap every user whose newest event is
         * within the longest feature span, under 400 bytes each, and restores them from the changelog on every
         * start; {@code rocksdb} keeps them on local disk, for more users than the heap can hold.
         */
        @WithDefault("memory")
        StoreKind store();
    }

    /**
     * One memory budget for every RocksDB store of the instance (BoundedRocksDbMemory), on top of the heap; passed
     * on to Kafka Streams by application.properties, and checked here at start-up.
     */
    interface Rocksdb {
        /** Block cache, index and filter blocks and memtables of every store together. */
        @WithDefault("256M")
        MemorySize memory();

        /** The share of {@link #memory()} the memtables may hold. */
        @WithDefault("0.5")
        double memtableShare();
    }

    /**
     * How often results are committed while the processor keeps up with its inputs; while it works through a
     * backlog, commits follow {@code kafka-streams.commit.interval.ms} instead (CommitPace).
     */
    interface Commits {
        /** The commit cadence while live: how long a result may wait before read_committed readers see it. */
        @WithDefault("50ms")
        Duration liveInterval();

        /** Live means handling records written at most this long before, within the last such span. */
        @WithDefault("1s")
        Duration liveLag();
    }

    /** The fraud rules' thresholds (CONTRACT section 8); money in the shop's currency, two decimals. */
    interface Fraud {
        ClickRate clickRate();

        PurchaseVelocity purchaseVelocity();

        AmountSpike amountSpike();

        ImpossibleTravel impossibleTravel();

        CardTesting cardTesting();

        interface ClickRate {
            /** Fires on the click that takes a window past this many. */
            @WithDefault("60")
            int maxClicks();

            /** Tumbling window, aligned to the epoch. */
            @WithDefault("1m")
            Duration window();
        }

        interface PurchaseVelocity {
            /** Fires when more than this many purchases fall within the span. */
            @WithDefault("5")
            int maxPurchases();

            @WithDefault("10m")
            Duration span();
        }

        interface AmountSpike {
            /** The smallest amount that can be a spike relative to the user's mean. */
            @WithDefault("1000.00")
            BigDecimal minAmount();

            /** How many times the mean of the previous purchases a spike is. */
            @WithDefault("5")
            BigDecimal multipleOfMean();

            /** How many previous purchases make a mean. */
            @WithDefault("3")
            int minPrevious();

            /** Any purchase of at least this is a spike. */
            @WithDefault("5000.00")
            BigDecimal alwaysFrom();
        }

        interface ImpossibleTravel {
            @WithDefault("3")
            int minCountries();

            @WithDefault("1h")
            Duration span();
        }

        interface CardTesting {
            @WithDefault("5")
            int minPurchases();

            /** A purchase below this amount counts as small. */
            @WithDefault("5.00")
            BigDecimal under();

            @WithDefault("3")
            int minCards();

            @WithDefault("10m")
            Duration span();
        }

        default FraudThresholds thresholds() {
            return new FraudThresholds(clickRate().maxClicks(), clickRate().window(), purchaseVelocity().maxPurchases(),
                    purchaseVelocity().span(), Money.toCents(amountSpike().minAmount()),
                    amountSpike().multipleOfMean(), amountSpike().minPrevious(),
                    Money.toCents(amountSpike().alwaysFrom()), impossibleTravel().minCountries(),
                    impossibleTravel().span(), cardTesting().minPurchases(), Money.toCents(cardTesting().under()),
                    cardTesting().minCards(), cardTesting().span());
        }
    }

    interface Revenue {
        /**
         * How long hourly revenue stays queryable, in event time. Must exceed the largest gap between the input
         * partitions' stream times, or a far-behind partition's purchases land in already expired hours.
         */
        @WithDefault("7d")
        Duration retention();
    }

    interface Inventory {
        /** A product is low on stock when its quantity is below this (CONTRACT section 8). */
        @WithDefault("10")
        long lowStockBelow();
    }

    interface Sessions {
        /** Inactivity gap that ends a session (CONTRACT section 8); a gap of exactly this length still merges. */
        @WithDefault("30m")
        Duration gap();

        /** How long a closed session stays queryable, in event time after its end. */
        @WithDefault("7d")
        Duration retention();
    }

    interface Features {
        @WithDefault("5m")
        Duration shortSpan();

        @WithDefault("1h")
        Duration hour();

        @WithDefault("24h")
        Duration day();
    }

    interface Validation {
        /** How far ahead of the processor's clock an event_time may be (CONTRACT section 3). */
        @WithDefault("5m")
        Duration maxFutureSkew();
    }
}
