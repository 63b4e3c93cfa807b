package io.storepulse.model.kafka;

import io.storepulse.model.Topics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What each app may do on a secured cluster, and nothing more: the one list behind the {@code KafkaUser} ACLs in
 * {@code kubernetes/base/kafka-users.yaml}. Each app's own tests check that its code needs every grant here and no
 * other (the processor's topology, the generator's records, serving-api's consumers), and the deployment tests check
 * that the manifests say exactly this.
 */
public enum KafkaAccess {

    /** The collector and the generator: they write the three inputs and the generator's ground truth. */
    PRODUCER("storepulse-producer", grants(
            Stream.concat(Topics.INPUTS.stream(), Stream.of(Topics.GROUND_TRUTH_FRAUD))
                    .map(topic -> Grant.topic(topic, Operation.WRITE, Operation.DESCRIBE)))),

    /**
     * The topology and the archiver: the topology reads the inputs and writes every output; its internal topics
     * (changelogs, repartition, revenue items) and transactional ids begin with its application id; the archiver
     * reads the inputs and the alerts in its own group.
     */
    PROCESSOR("storepulse-processor", grants(
            Topics.INPUTS.stream().map(topic -> Grant.topic(topic, Operation.READ, Operation.DESCRIBE)),
            Topics.INPUTS.stream().map(topic -> Grant.topic(Topics.deadLetterOf(topic), Operation.WRITE,
                    Operation.DESCRIBE)),
            Stream.of(Topics.LATE_EVENTS, Topics.SESSION_AGGREGATIONS, Topics.REVENUE_AGGREGATIONS,
                    Topics.USER_FEATURES).map(topic -> Grant.topic(topic, Operation.WRITE, Operation.DESCRIBE)),
            Stream.of(Grant.topic(Topics.FRAUD_ALERTS, Operation.READ, Operation.WRITE, Operation.DESCRIBE),
                    Grant.topicPrefix(ProcessorIds.APPLICATION_ID + "-", Operation.ALL),
                    Grant.group(ProcessorIds.APPLICATION_ID),
                    Grant.group(ProcessorIds.ARCHIVER_GROUP),
                    Grant.transactionalIdPrefix(ProcessorIds.APPLICATION_ID + "-", Operation.WRITE,
                            Operation.DESCRIBE)))),

    /**
     * Online features into Redis (its group), the alert list and stream (fraud-alerts, assigned without a group),
     * events per second from the inputs' end offsets (describe only).
     */
    SERVING("storepulse-serving", grants(
            Stream.of(Grant.topic(Topics.USER_FEATURES, Operation.READ, Operation.DESCRIBE),
                    Grant.group(ServingIds.FEATURES_GROUP),
                    Grant.topic(Topics.FRAUD_ALERTS, Operation.READ, Operation.DESCRIBE)),
            Topics.INPUTS.stream().map(topic -> Grant.topic(topic, Operation.DESCRIBE)))),

    /**
     * KEDA's Kafka scaler, which scales the processor on its group's lag: it reads the group's committed offsets
     * and the inputs' end offsets, and can do nothing else.
     */
    LAG_SCALER("storepulse-keda", grants(
            Stream.of(new Grant(ResourceType.GROUP, ProcessorIds.APPLICATION_ID, false, EnumSet.of(Operation.DESCRIBE))),
            Topics.INPUTS.stream().map(topic -> Grant.topic(topic, Operation.DESCRIBE))));

    private final String principal;
    private final List<Grant> grants;

    KafkaAccess(String principal, List<Grant> grants) {
        this.principal = principal;
        this.grants = grants;
    }

    /** The SCRAM user name (the {@code KafkaUser}'s name, {@code User:<principal>} on the broker). */
    public String principal() {
        return principal;
    }

    public List<Grant> grants() {
        return grants;
    }

    /** Whether a grant allows {@code operation} on the topic {@code topic} (All allows everything). */
    public boolean allowsTopic(String topic, Operation operation) {
        return allows(ResourceType.TOPIC, topic, operation);
    }

    /** Whether a grant allows {@code operation} on a resource of {@code type} called {@code name}. */
    public boolean allows(ResourceType type, String name, Operation operation) {
        return grants.stream().anyMatch(grant -> grant.type() == type && grant.matches(name)
                && (grant.operations().contains(operation) || grant.operations().contains(Operation.ALL)));
    }

    @SafeVarargs
    private static List<Grant> grants(Stream<Grant>... parts) {
        List<Grant> all = new ArrayList<>();
        for (Stream<Grant> part : parts) {
            part.forEach(all::add);
        }
        return List.copyOf(all);
    }

    /** Kafka's resource types an app is granted access to, named as Strimzi names them. */
    public enum ResourceType {
        TOPIC("topic"), GROUP("group"), TRANSACTIONAL_ID("transactionalId");

        private final String strimziName;

        ResourceType(String strimziName) {
            this.strimziName = strimziName;
        }

        public String strimziName() {
            return strimziName;
        }
    }

    /** Kafka's ACL operations used here, named as Strimzi and Kafka's {@code AclOperation} name them. */
    public enum Operation {
        READ("Read"), WRITE("Write"), DESCRIBE("Describe"), ALL("All");

        private final String strimziName;

        Operation(String strimziName) {
            this.strimziName = strimziName;
        }

        public String strimziName() {
            return strimziName;
        }
    }

    /** Allow {@code operations} on the resource {@code name} (every name beginning with it, if {@code prefix}). */
    public record Grant(ResourceType type, String name, boolean prefix, Set<Operation> operations) {

        public Grant {
            operations = Set.copyOf(operations);
        }

        static Grant topic(String name, Operation first, Operation... more) {
            return new Grant(ResourceType.TOPIC, name, false, EnumSet.of(first, more));
        }

        static Grant topicPrefix(String prefix, Operation first, Operation... more) {
            return new Grant(ResourceType.TOPIC, prefix, true, EnumSet.of(first, more));
        }

        /** A consumer group joins, fetches and commits with Read (which implies Describe). */
        static Grant group(String name) {
            return new Grant(ResourceType.GROUP, name, false, EnumSet.of(Operation.READ));
        }

        static Grant transactionalIdPrefix(String prefix, Operation first, Operation... more) {
            return new Grant(ResourceType.TRANSACTIONAL_ID, prefix, true, EnumSet.of(first, more));
        }

        boolean matches(String resource) {
            return prefix ? resource.startsWith(name) : resource.equals(name);
        }
    }

    /** The processor's names on the cluster, as its configuration sets them (checked by its tests). */
    public static final class ProcessorIds {
        /** {@code quarkus.kafka-streams.application-id}: group, internal topic and transactional id prefix. */
        public static final String APPLICATION_ID = "storepulse-processor";
        /** {@code storepulse.archive.group-id}'s default. */
        public static final String ARCHIVER_GROUP = "storepulse-archiver";

        private ProcessorIds() {
        }
    }

    /** serving-api's names on the cluster, as its configuration sets them (checked by its tests). */
    public static final class ServingIds {
        /** {@code mp.messaging.incoming.user-features.group.id}. */
        public static final String FEATURES_GROUP = "storepulse-serving-features";

        private ServingIds() {
        }
    }
}
