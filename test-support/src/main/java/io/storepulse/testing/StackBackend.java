package io.storepulse.testing;

import io.storepulse.stack.BlackholeProxy;

import java.util.Map;

/** Real Kafka, Redis and S3 servers for integration tests, however they are run. */
interface StackBackend extends AutoCloseable {

    String kafkaBootstrap();

    String redisUrl();

    String s3Endpoint();

    /** What {@code app} needs beyond the endpoints to use these servers: their credentials, on a secured stack. */
    Map<String, String> appProperties(String app);

    /** A Kafka client's settings with the rights of the cluster's administrator, for the tests' own clients. */
    Map<String, Object> kafkaClientConfig();

    /**
     * The proxy in front of the broker's proxied listener (see {@code StackConfig}): a client bootstrapping at its
     * port reaches the broker only through it. Only the plain local stack has one.
     */
    default BlackholeProxy kafkaProxy() {
        throw new UnsupportedOperationException("only the plain local stack has a proxy in front of Kafka");
    }

    /** Whether {@link #kafkaProxy()} exists here. */
    default boolean hasKafkaProxy() {
        return false;
    }

    /** Makes the broker unreachable until {@link #resumeKafka()}. */
    void stopKafka();

    void resumeKafka();

    void stopRedis();

    void resumeRedis();

    /** Makes the S3 store unreachable until {@link #resumeS3()}; its objects are kept. */
    void stopS3();

    void resumeS3();

    @Override
    void close();
}
