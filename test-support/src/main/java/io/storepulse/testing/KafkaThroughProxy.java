package io.storepulse.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The test profile of an app that reaches Kafka only through {@link StorePulseTestResource#kafkaProxy()}, so that a
 * test can black-hole its link to the broker while the tests' own clients keep theirs (plain local stack only).
 */
public class KafkaThroughProxy implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kafka.bootstrap.servers", "${" + StorePulseTestResource.PROXIED_KAFKA + "}");
    }
}
