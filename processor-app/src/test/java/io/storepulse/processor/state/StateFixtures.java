package io.storepulse.processor.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * User states as earlier releases wrote them, checked in so that every later release is tested against them. Each
 * is the state of {@code u-1} after the events of {@code UserActivityTest.sessionsMergeDuplicatesCountOnceAndFeaturesFollow}
 * (clicks e-1 10:00 page view, e-2 10:10 add to cart, e-5 10:51 page view, e-6 10:45 product view, all DESKTOP in US;
 * purchase e-3 10:20 of 39.98 on MOBILE in US, twice), on 2026-11-21.
 */
public final class StateFixtures {

    private StateFixtures() {
    }

    /** Written by the release whose format was 4 ({@code state/user-state-v4.hex}). */
    public static byte[] userStateV4() {
        return hex("state/user-state-v4.hex");
    }

    private static byte[] hex(String resource) {
        try (InputStream in = StateFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            StringBuilder hex = new StringBuilder();
            new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#")).forEach(line -> hex.append(line.replace(" ", "")));
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
