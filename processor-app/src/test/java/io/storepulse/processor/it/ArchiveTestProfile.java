package io.storepulse.processor.it;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The archiver on, rolling every 2 s, saying "behind" after 20 s: the archive's tests in minutes, not hours. */
public class ArchiveTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "storepulse.archive.enabled", "true",
                "storepulse.archive.roll-interval", "2s",
                "storepulse.archive.max-lag", "20s");
    }
}
