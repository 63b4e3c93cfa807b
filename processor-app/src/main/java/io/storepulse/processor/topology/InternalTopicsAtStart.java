package io.storepulse.processor.topology;

import io.quarkus.runtime.StartupEvent;
import io.storepulse.model.Topics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Creates {@link TopologyProducer#REVENUE_ITEMS_TOPIC} as the app starts, before the Kafka Streams extension starts
 * the streams (it waits for every topic of {@code quarkus.kafka-streams.topics}, this one included). A topic that
 * exists with another partition count than {@code inventory-events} fails the start.
 */
@ApplicationScoped
public class InternalTopicsAtStart {

    private final InternalTopics topics;

    public InternalTopicsAtStart(InternalTopics topics) {
        this.topics = topics;
    }

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent starting) {
        topics.ensure(TopologyProducer.REVENUE_ITEMS_TOPIC, Topics.INVENTORY_EVENTS);
    }
}
