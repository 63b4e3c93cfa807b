package io.storepulse.processor.query;

import io.storepulse.processor.topology.TopologyProducer;
import io.storepulse.service.json.ProcessorInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Where the processor's state is: which instance owns a key's partition, which partitions of the product stores
 * this instance holds active, whether every partition has an owner now, and every instance by the address it
 * advertises. The per-store query classes ask it for the stores to read; it knows nothing of what is in them, nor
 * of HTTP.
 */
@ApplicationScoped
public class StoreLocator {

    private final KafkaStreams streams;
    private final HostInfo self;

    public StoreLocator(KafkaStreams streams,
                        @ConfigProperty(name = "kafka-streams.application.server") String applicationServer) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
    }

    /** How many partitions the product stores have, and which of them this instance holds active. */
    public record LocalPartitions(int count, List<Integer> local) {
    }

    /** This instance's advertised {@code host:port}. */
    public String self() {
        return self.host() + ":" + self.port();
    }

    /** Every instance that holds tasks, by the address it advertises, this one included. */
    public QueryResult<List<ProcessorInstance>> instances() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new QueryResult.Unavailable<>("the processor is " + streams.state());
        }
        return new QueryResult.Found<>(streams.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .distinct()
                .map(host -> new ProcessorInstance(host.host(), host.port()))
                .sorted(Comparator.comparing(ProcessorInstance::host).thenComparingInt(ProcessorInstance::port))
                .toList());
    }

    /**
     * The answer for {@code key} when this instance holds its active task, read from that task's stores only (the
     * {@code int} is the key's partition); the owner's address when another instance holds it; "not now" while it
     * has none or its store cannot be read.
     */
    public <T> QueryResult<T> forKey(String storeName, String key, IntFunction<QueryResult<T>> answer) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new QueryResult.Unavailable<>("the processor is " + streams.state());
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(storeName, key, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new QueryResult.Unavailable<>("no instance holds " + storeName + " for this key right now");
        }
        HostInfo owner = metadata.activeHost();
        if (!owner.equals(self)) {
            return new QueryResult.Elsewhere<>(owner.host() + ":" + owner.port());
        }
        try {
            return answer.apply(metadata.partition());
        } catch (InvalidStateStoreException e) {
            return new QueryResult.Unavailable<>("the store " + storeName + " is not queryable now: " + e.getMessage());
        }
    }

    /**
     * Reads the product store {@code storeName} partition by partition, each of this instance's active ones and no
     * other, so the answer names exactly the partitions it comes from. Refused while some partition has no active
     * instance; a partition that moves away meanwhile makes it "not now".
     */
    public <S, T> QueryResult<T> acrossLocalProducts(String storeName, QueryableStoreType<S> type,
                                                     BiFunction<LocalPartitions, List<S>, T> answer) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new QueryResult.Unavailable<>("the processor is " + streams.state());
        }
        SortedSet<Integer> owned = new TreeSet<>();
        for (StreamsMetadata client : streams.metadataForAllStreamsClients()) {
            owned.addAll(productPartitions(client.topicPartitions()));
        }
        if (!coversEveryPartition(owned)) {
            return new QueryResult.Unavailable<>("not every partition of " + storeName + " has an active instance now");
        }
        List<Integer> local = streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> productPartitions(task.topicPartitions()).stream())
                .sorted()
                .toList();
        try {
            List<S> stores = new ArrayList<>(local.size());
            for (int partition : local) {
                stores.add(store(storeName, partition, type));
            }
            return new QueryResult.Found<>(answer.apply(new LocalPartitions(owned.size(), local), stores));
        } catch (InvalidStateStoreException e) {
            return new QueryResult.Unavailable<>("the store " + storeName + " is not queryable now: " + e.getMessage());
        }
    }

    /** The store {@code name} of one partition's task on this instance. */
    public <S> S store(String name, int partition, QueryableStoreType<S> type) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, type).withPartition(partition));
    }

    /**
     * Whether the partitions some instance holds active are all of them, 0 to n-1 (the product tasks' topic has no
     * gaps; a missing number is a partition without an owner, e.g. during a rebalance).
     */
    static boolean coversEveryPartition(SortedSet<Integer> owned) {
        return !owned.isEmpty() && owned.first() == 0 && owned.last() == owned.size() - 1;
    }

    private static List<Integer> productPartitions(Collection<TopicPartition> partitions) {
        return partitions.stream()
                .filter(partition -> partition.topic().equals(TopologyProducer.PRODUCT_TASKS_TOPIC))
                .map(TopicPartition::partition)
                .toList();
    }
}
