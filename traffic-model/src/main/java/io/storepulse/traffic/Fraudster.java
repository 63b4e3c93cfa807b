package io.storepulse.traffic;

import io.storepulse.avro.DeviceType;

/** The actor of one fraud episode: a user id no legit user ever has, a home country, an IP there, one card. */
record Fraudster(String userId, String sessionId, int country, String ipAddress, DeviceType device,
                 String cardFingerprint) {

    String countryCode() {
        return Countries.code(country);
    }
}
