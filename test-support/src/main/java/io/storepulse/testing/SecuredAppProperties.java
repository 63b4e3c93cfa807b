package io.storepulse.testing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The environment the secured local stack gives an app (the deployment's variable names, as in
 * {@code <secrets>/<app>.env}) as the Quarkus properties a test resource returns: a test cannot set its own
 * process's environment. A variable with no property here fails loudly, so a new one cannot be silently left out of the
 * secured tests.
 */
final class SecuredAppProperties {

    /** The properties whose names do not follow from the variable's by Quarkus's environment rules. */
    private static final Map<String, String> NAMED = Map.of(
            "REDIS_URL", "quarkus.redis.hosts",
            "QUARKUS_REDIS_TLS_CONFIGURATION_NAME", "quarkus.redis.tls-configuration-name",
            "QUARKUS_TLS_REDIS_TRUST_STORE_PEM_CERTS", "quarkus.tls.redis.trust-store.pem.certs",
            "QUARKUS_TLS_REDIS_HOSTNAME_VERIFICATION_ALGORITHM", "quarkus.tls.redis.hostname-verification-algorithm",
            // The test profile gives the S3 client static credentials; the deployment's default chain reads these.
            "AWS_ACCESS_KEY_ID", "quarkus.s3.aws.credentials.static-provider.access-key-id",
            "AWS_SECRET_ACCESS_KEY", "quarkus.s3.aws.credentials.static-provider.secret-access-key");

    private SecuredAppProperties() {
    }

    /** {@code environment} (variable to value, as {@code AppEnvironment} gives it) as Quarkus properties. */
    static Map<String, String> of(Map<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        environment.forEach((variable, value) -> properties.put(property(variable), value));
        return properties;
    }

    static String property(String variable) {
        String named = NAMED.get(variable);
        if (named != null) {
            return named;
        }
        if (variable.startsWith("KAFKA_")) {
            // Kafka's client settings are dotted lower case: KAFKA_SASL_JAAS_CONFIG is kafka.sasl.jaas.config.
            return variable.toLowerCase(Locale.ROOT).replace('_', '.');
        }
        throw new IllegalStateException("the secured stack sets " + variable
                + ", which the test resource does not know as a Quarkus property: add it to " + SecuredAppProperties.class.getSimpleName());
    }
}
