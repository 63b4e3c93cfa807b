package io.storepulse.serving;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;

/** The API keys this test run's serving-api was configured with (made up per run, see the test config). */
final class ServingKeys {

    private ServingKeys() {
    }

    /** The first key of {@code storepulse.api-key}: every role. */
    static String main() {
        return keys().get(0);
    }

    /** The second key of {@code storepulse.api-key}, as during a rotation: every role too. */
    static String next() {
        return keys().get(1);
    }

    /** The {@code dashboard} client's key: the alerts role only. */
    static String alertsOnly() {
        return ConfigProvider.getConfig().getValue("storepulse.clients.dashboard.key", String.class);
    }

    static String bearer(String key) {
        return "Bearer " + key;
    }

    /**
     * {@code Authorization} with {@link #main()}. Asked for in each test, never held in a static field: the keys
     * exist only once the app under test has its configuration.
     */
    static String mainBearer() {
        return bearer(main());
    }

    static String alertsOnlyBearer() {
        return bearer(alertsOnly());
    }

    private static List<String> keys() {
        return ConfigProvider.getConfig().getValues("storepulse.api-key", String.class);
    }
}
