package io.storepulse.processor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

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
