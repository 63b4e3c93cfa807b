package io.storepulse.serving.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** serving-api's settings; each is overridable by environment variable (STOREPULSE_...). */
@ConfigMapping(prefix = "storepulse")
public interface ServingConfig {

    /**
     * The keys with every role ({@code Authorization: Bearer <key>}), comma-separated: while a key is rotated both
     * the new and the old one are listed. The launcher generates one.
     */
    Optional<List<String>> apiKey();

    /** Further clients, each with its own key and roles: {@code storepulse.clients.<name>.key / .roles}. */
    Map<String, Client> clients();

    Processor processor();

    Features features();

    Alerts alerts();

    Throughput throughput();

    interface Throughput {
        /** How often the input topics' end offsets are read; each read is one small request to the brokers. */
        @WithDefault("1s")
        Duration sampleEvery();

        /** Events per second are averaged over this span: long enough to smooth batching, short enough to be live. */
        @WithDefault("5s")
        Duration span();

        /** How far back the per-sample rates go (the dashboard's sparkline). */
        @WithDefault("2m")
        Duration history();
    }

    interface Alerts {
        /** How many of the newest alerts are kept in memory for the list and for resuming streams. */
        @WithDefault("10000")
        int retained();

        /** Alerts a stream client may have outstanding; a client that falls further behind is disconnected. */
        @WithDefault("1000")
        int clientBuffer();

        /** How often an idle stream gets a comment line, so proxies and clients see it is alive. */
        @WithDefault("15s")
        Duration heartbeat();
    }

    interface Features {
        /** A user's features expire this long after their last update. */
        @WithDefault("24h")
        Duration ttl();

        /** Redis key of a user's hash: this prefix, then the user id. */
        @WithDefault("storepulse:features:")
        String keyPrefix();

        /** Pause between attempts to write an update while Redis is down; the consumer waits meanwhile. */
        @WithDefault("500ms")
        Duration retryEvery();

        /**
         * Redis hash naming the partitions of {@code user-features} whose features Redis holds; when one is missing
         * (Redis restarted empty, flushed or replaced) it is rebuilt from the topic.
         */
        @WithDefault("storepulse:features-loaded")
        String loadedKey();

        /** How often each instance checks that Redis still holds every partition's features. */
        @WithDefault("5s")
        Duration rebuildCheckEvery();
    }

    interface Client {
        String key();

        /** Any of {@code queries}, {@code features}, {@code alerts}. */
        Set<String> roles();
    }

    interface Processor {
        /**
         * processor-app instances to ask; any one answers or redirects to the key's owner. Listing more than one
         * keeps queries answered while one is down.
         */
        @WithDefault("http://127.0.0.1:8082")
        List<URI> urls();

        /** Longest wait for one answer, redirect included. */
        @WithDefault("2s")
        Duration timeout();

        /** The credential the processor's internal endpoints take ({@code STOREPULSE_INTERNAL_KEY}); none: sent none. */
        Optional<String> internalKey();
    }
}
