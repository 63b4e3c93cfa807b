package io.storepulse.testing;

/** Real Kafka, Redis and S3 servers for integration tests, however they are run. */
interface StackBackend extends AutoCloseable {

    String kafkaBootstrap();

    String redisUrl();

    String s3Endpoint();

    /** Makes the broker unreachable until {@link #resumeKafka()}. */
    void stopKafka();

    void resumeKafka();

    void stopRedis();

    void resumeRedis();

    @Override
    void close();
}
