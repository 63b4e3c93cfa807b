package io.storepulse.serving.features;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.storepulse.avro.UserFeatures;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import io.storepulse.serving.config.ServingConfig;
import io.storepulse.serving.metrics.EndToEndLatency;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Consumes {@code user-features} into Redis. A record is acknowledged, and its offset committed, only after Redis
 * has the write, so a crash loses nothing. While Redis is down the write is retried and this consumer waits: the
 * connector's buffer fills and fetching pauses; when Redis is back, everything produced meanwhile follows, in order.
 */
@ApplicationScoped
public class FeatureUpdates {

    private static final Logger LOG = Logger.getLogger(FeatureUpdates.class);

    private final FeatureStore store;
    private final Duration retryEvery;
    private final Counter written;
    private final Counter superseded;
    private final Counter undecodable;
    private final EndToEndLatency latency;

    public FeatureUpdates(FeatureStore store, ServingConfig config, MeterRegistry registry, EndToEndLatency latency) {
        this.store = store;
        this.latency = latency;
        this.retryEvery = config.features().retryEvery();
        this.written = registry.counter("storepulse.serving.feature.updates", "outcome", "written");
        this.superseded = registry.counter("storepulse.serving.feature.updates", "outcome", "superseded");
        this.undecodable = registry.counter("storepulse.serving.feature.updates", "outcome", "undecodable");
    }

    @Incoming("user-features")
    @Blocking(ordered = true)
    public void onUpdate(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        UserFeatures features;
        try {
            features = Codecs.FEATURES.decode(record.value());
        } catch (CodecException e) {
            undecodable.increment();
            LOG.warnf("skipping an undecodable user-features record: %s", e.getMessage());
            return;
        }
        long failingSince = 0;
        while (true) {
            try {
                (store.upsert(features) ? written : superseded).increment();
                latency.featuresServable(record.headers());
                if (failingSince != 0) {
                    LOG.infof("Redis takes feature updates again after %d ms", System.currentTimeMillis() - failingSince);
                }
                return;
            } catch (RuntimeException e) {
                if (failingSince == 0) {
                    failingSince = System.currentTimeMillis();
                    LOG.warnf("Redis refused a feature update (%s); retrying every %d ms, consumption paused",
                            e.getMessage(), retryEvery.toMillis());
                }
                Thread.sleep(retryEvery.toMillis());
            }
        }
    }
}
