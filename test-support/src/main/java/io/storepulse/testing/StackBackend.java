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

    /** Makes the S3 store unreachable until {@link #resumeS3()}; its objects are kept. */
    void stopS3();

    void resumeS3();

    @Override
    void close();
}
