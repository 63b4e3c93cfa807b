package io.storepulse.serving.security;

import io.storepulse.model.Topics;
import io.storepulse.model.kafka.KafkaAccess;
import io.storepulse.model.kafka.KafkaAccess.Grant;
import io.storepulse.model.kafka.KafkaAccess.Operation;
import io.storepulse.model.kafka.KafkaAccess.ResourceType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serving-api's grants in {@link KafkaAccess} are what it uses: each incoming channel's topic and group from its
 * configuration, fraud-alerts for the alert log (assigned, no group), and only the end offsets of the inputs for
 * events per second. It writes nothing.
 */
class KafkaAccessTest {

    private static final KafkaAccess ACCESS = KafkaAccess.SERVING;
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");

    @Test
    void theGrantsAreTheChannelsOfTheConfigurationTheAlertLogAndTheInputsEndOffsets() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = KafkaAccessTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Set<String> read = new TreeSet<>(Set.of(Topics.FRAUD_ALERTS));
        Set<String> groups = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher channel = CHANNEL.matcher(key);
            if (channel.matches()) {
                read.add(properties.getProperty(key));
                groups.add(properties.getProperty("mp.messaging.incoming." + channel.group(1) + ".group.id"));
            }
        }
        assertThat(read).contains(Topics.USER_FEATURES);
        assertThat(properties.stringPropertyNames()).noneMatch(key -> key.startsWith("mp.messaging.outgoing."));

        Set<String> grantedRead = new TreeSet<>();
        Set<String> describedOnly = new TreeSet<>();
        Set<String> grantedGroups = new TreeSet<>();
        for (Grant grant : ACCESS.grants()) {
            assertThat(grant.prefix()).as(grant.toString()).isFalse();
            assertThat(grant.operations()).doesNotContain(Operation.WRITE, Operation.ALL);
            if (grant.type() == ResourceType.GROUP) {
                grantedGroups.add(grant.name());
            } else if (grant.operations().contains(Operation.READ)) {
                grantedRead.add(grant.name());
            } else {
                describedOnly.add(grant.name());
            }
        }
        assertThat(grantedRead).isEqualTo(read);
        assertThat(grantedGroups).isEqualTo(groups).containsExactly(KafkaAccess.ServingIds.FEATURES_GROUP);
        assertThat(describedOnly).containsExactlyInAnyOrderElementsOf(Topics.INPUTS);
    }
}
