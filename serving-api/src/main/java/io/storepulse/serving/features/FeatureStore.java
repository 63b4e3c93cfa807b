package io.storepulse.serving.features;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.storepulse.avro.UserFeatures;
import io.storepulse.service.json.ContractJson;
import io.storepulse.serving.config.ServingConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Online features in Redis: one hash per user ({@code <prefix><user_id>}) holding the contract's fields, with a TTL
 * refreshed on every update. Writes go through a Lua script, so comparing with the stored version and writing is
 * one atomic step and an older update never overwrites a newer one.
 */
@ApplicationScoped
public class FeatureStore {

    private static final String SCRIPT = "storepulse/upsert-features.lua";
    private static final String MARK_SCRIPT = "storepulse/mark-loaded.lua";
    private static final String GENERATION = "generation";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactive;
    private final String prefix;
    private final String ttlMillis;
    private final String script;
    private final String loadedKey;
    private final String markScript;

    public FeatureStore(RedisDataSource redis, ReactiveRedisDataSource reactive, ServingConfig config) {
        this.redis = redis;
        this.reactive = reactive;
        this.prefix = config.features().keyPrefix();
        this.ttlMillis = Long.toString(config.features().ttl().toMillis());
        this.script = resource(SCRIPT);
        this.loadedKey = config.features().loadedKey();
        this.markScript = resource(MARK_SCRIPT);
    }

    /**
     * Makes both Redis data sources on the main thread, before any other start-up step. Quarkus's Redis recorder keeps
     * them in a plain static map, so a data source made on the rebuild thread or a consumer thread while start-up makes
     * the other on the main thread fails the start with a {@code ConcurrentModificationException}.
     */
    void makeDataSources(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        redis.getReactive();
        reactive.getRedis();
    }

    /**
     * The partitions of {@code user-features} Redis holds the features of, and the generation of that record: a
     * random id written the first time it is read after Redis lost it, so a rebuild that started before a second
     * loss cannot mark its partition as held afterwards.
     */
    public Loaded loaded() {
        redis.execute("HSETNX", loadedKey, GENERATION, Long.toHexString(RANDOM.nextLong()));
        Map<String, String> hash = redis.hash(String.class).hgetall(loadedKey);
        Set<Integer> partitions = new TreeSet<>();
        hash.keySet().stream().filter(field -> !field.equals(GENERATION)).forEach(field -> partitions.add(Integer.valueOf(field)));
        return new Loaded(hash.get(GENERATION), partitions);
    }

    /** Records that Redis holds {@code partition}'s features, unless its record is no longer of {@code generation}. */
    public boolean markLoaded(int partition, String generation) {
        return redis.execute("EVAL", markScript, "1", loadedKey, GENERATION, generation, Integer.toString(partition),
                Long.toString(System.currentTimeMillis())).toInteger() == 1;
    }

    /** Whether Redis holds {@code partition}'s features. Never blocks the calling thread. */
    public Uni<Boolean> holds(int partition) {
        return reactive.hash(String.class).hexists(loadedKey, Integer.toString(partition));
    }

    /** The loaded partitions of {@code user-features} and the generation of that record. */
    public record Loaded(String generation, Set<Integer> partitions) {
    }

    /** True when Redis took the update, false when it already held newer features of the user. */
    public boolean upsert(UserFeatures features) {
        String[] args = {
                script, "1", prefix + features.getUserId(),
                Long.toString(features.getLastEventTime().toEpochMilli()),
                Long.toString(features.getUpdatedAt().toEpochMilli()),
                ttlMillis,
                FeaturesView.USER_ID, features.getUserId(),
                FeaturesView.CLICKS_5M, Integer.toString(features.getClicks5m()),
                FeaturesView.CLICKS_1H, Integer.toString(features.getClicks1h()),
                FeaturesView.ADD_TO_CARTS_1H, Integer.toString(features.getAddToCarts1h()),
                FeaturesView.PURCHASES_24H, Integer.toString(features.getPurchases24h()),
                FeaturesView.SPEND_24H, ContractJson.money(features.getSpend24h()).toPlainString(),
                FeaturesView.AVG_ORDER_VALUE_24H, ContractJson.money(features.getAvgOrderValue24h()).toPlainString(),
                FeaturesView.DISTINCT_DEVICES_24H, Integer.toString(features.getDistinctDevices24h()),
                FeaturesView.DISTINCT_COUNTRIES_1H, Integer.toString(features.getDistinctCountries1h()),
                FeaturesView.LAST_EVENT_TIME, ContractJson.time(features.getLastEventTime()),
                FeaturesView.UPDATED_AT, ContractJson.time(features.getUpdatedAt())};
        return redis.execute("EVAL", args).toInteger() == 1;
    }

    /** The user's features; empty when Redis holds none. Never blocks the calling thread. */
    public Uni<Optional<FeaturesView>> read(String userId) {
        return reactive.hash(String.class).hgetall(prefix + userId).map(hash -> hash == null || hash.isEmpty()
                ? Optional.<FeaturesView>empty() : Optional.of(FeaturesView.of(hash)));
    }

    private static String resource(String name) {
        try (InputStream in = FeatureStore.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
