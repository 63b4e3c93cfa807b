package io.storepulse.stack;

import io.storepulse.model.kafka.KafkaAccess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment each app needs to use the secured stack, as the deployment gives it (the same variable names as
 * {@code kubernetes/base}): written to {@code <secrets>/<app>.env}, one {@code NAME=value} per line, readable by its
 * owner only, for the launcher and the system tests to pass to the app's process.
 */
public final class AppEnvironment {

    public static final List<String> APPS = List.of("producer-app", "processor-app", "serving-api");

    private AppEnvironment() {
    }

    /** The file {@link LocalStack} writes for {@code app} in a secured stack's secrets directory. */
    public static Path file(Path secretsDir, String app) {
        return secretsDir.resolve(app + ".env");
    }

    /** What {@code app} (one of {@link #APPS}) needs beyond the endpoints to use the secured stack. */
    public static Map<String, String> of(String app, StackConfig config, StackSecrets secrets) {
        KafkaAccess access = switch (app) {
            case "producer-app" -> KafkaAccess.PRODUCER;
            case "processor-app" -> KafkaAccess.PROCESSOR;
            case "serving-api" -> KafkaAccess.SERVING;
            default -> throw new IllegalArgumentException("unknown app '" + app + "', expected one of " + APPS);
        };
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", SecuredKafka.MECHANISM);
        env.put("KAFKA_SASL_JAAS_CONFIG", secrets.jaasConfig(access.principal()));
        env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", secrets.caPem().toString());
        if (access == KafkaAccess.SERVING) {
            // An ACL user logs in with user and password in the URL (Quarkus's password setting alone is the
            // default user's); this URL is a secret. TLS uses the named configuration "redis", trusting our CA.
            env.put("REDIS_URL", "rediss://" + StackSecrets.REDIS_USER + ":" + secrets.redisPassword() + "@"
                    + StackConfig.HOST + ":" + config.redisPort());
            env.put("QUARKUS_REDIS_TLS_CONFIGURATION_NAME", "redis");
            env.put("QUARKUS_TLS_REDIS_TRUST_STORE_PEM_CERTS", secrets.caPem().toString());
            env.put("QUARKUS_TLS_REDIS_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS");
        }
        if (access == KafkaAccess.PROCESSOR) {
            env.put("AWS_ACCESS_KEY_ID", secrets.s3AccessKey());
            env.put("AWS_SECRET_ACCESS_KEY", secrets.s3SecretKey());
        }
        return env;
    }

    static void writeAll(StackConfig config, StackSecrets secrets) throws IOException {
        for (String app : APPS) {
            Path file = file(secrets.dir(), app);
            StringBuilder lines = new StringBuilder();
            of(app, config, secrets).forEach((name, value) -> lines.append(name).append('=').append(value).append('\n'));
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, lines);
        }
    }
}
