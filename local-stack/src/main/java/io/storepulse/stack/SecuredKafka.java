package io.storepulse.stack;

import io.storepulse.model.kafka.KafkaAccess;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The secured broker: SASL_SSL (SCRAM-SHA-512) is its only client listener, its controller listener takes only the
 * server certificate (mutual TLS), and the StandardAuthorizer allows each app exactly what {@link KafkaAccess} lists.
 */
public final class SecuredKafka {

    static final String MECHANISM = "SCRAM-SHA-512";
    /** The apps' users on the local broker: the principals of {@link KafkaAccess}, without KEDA's (no KEDA here). */
    static final List<KafkaAccess> APP_USERS = List.of(KafkaAccess.PRODUCER, KafkaAccess.PROCESSOR, KafkaAccess.SERVING);

    private SecuredKafka() {
    }

    /** The listener and security settings of the broker's {@code server.properties}. */
    static void brokerProperties(Properties p, StackConfig config, StackSecrets secrets) {
        String host = StackConfig.HOST;
        p.setProperty("listeners", "SASL_SSL://" + host + ":" + config.kafkaPort()
                + ",CONTROLLER://" + host + ":" + config.kafkaControllerPort());
        p.setProperty("advertised.listeners", "SASL_SSL://" + host + ":" + config.kafkaPort());
        p.setProperty("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SSL");
        p.setProperty("inter.broker.listener.name", "SASL_SSL");
        p.setProperty("sasl.enabled.mechanisms", MECHANISM);
        p.setProperty("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.setProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                secrets.jaasConfig(StackSecrets.ADMIN_USER));
        p.setProperty("ssl.keystore.type", "PKCS12");
        p.setProperty("ssl.keystore.location", secrets.serverKeystore().toString());
        p.setProperty("ssl.keystore.password", secrets.keystorePassword());
        p.setProperty("ssl.key.password", secrets.keystorePassword());
        p.setProperty("ssl.truststore.type", "PEM");
        p.setProperty("ssl.truststore.location", secrets.caPem().toString());
        // Only the holder of the server key (the broker itself) may speak to the controller.
        p.setProperty("listener.name.controller.ssl.client.auth", "required");
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        p.setProperty("super.users", "User:" + StackSecrets.ADMIN_USER + ";User:" + StackSecrets.SERVER_DN);
    }

    /** The format tool's argument creating the admin user, whose credentials the broker needs before it serves. */
    static List<String> formatArguments(StackSecrets secrets) {
        return List.of("--add-scram", MECHANISM + "=[name=" + StackSecrets.ADMIN_USER + ",password="
                + secrets.kafkaPassword(StackSecrets.ADMIN_USER) + "]");
    }

    /** What a client logging in as {@code user} (one of {@code secrets}' Kafka users) adds to the bootstrap address. */
    public static Map<String, Object> clientConfig(StackSecrets secrets, String user) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, secrets.jaasConfig(user));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, secrets.caPem().toString());
        return config;
    }

    /**
     * Creates (or updates, on a restart with new secrets) each app's SCRAM user and its ACLs. Creating an ACL that
     * exists changes nothing, so this runs at every start.
     */
    static void grantApps(Admin admin, StackSecrets secrets) throws Exception {
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (KafkaAccess app : APP_USERS) {
            users.add(new UserScramCredentialUpsertion(app.principal(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), secrets.kafkaPassword(app.principal())));
            acls.addAll(aclsOf(app));
        }
        admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(30, TimeUnit.SECONDS);
        admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }

    /** {@code app}'s grants as the broker's ACL bindings: allow, from any host, for {@code User:<principal>}. */
    static List<AclBinding> aclsOf(KafkaAccess app) {
        List<AclBinding> bindings = new ArrayList<>();
        for (KafkaAccess.Grant grant : app.grants()) {
            ResourcePattern pattern = new ResourcePattern(resourceType(grant.type()), grant.name(),
                    grant.prefix() ? PatternType.PREFIXED : PatternType.LITERAL);
            for (KafkaAccess.Operation operation : grant.operations()) {
                bindings.add(new AclBinding(pattern, new AccessControlEntry("User:" + app.principal(), "*",
                        operation(operation), AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    private static ResourceType resourceType(KafkaAccess.ResourceType type) {
        return switch (type) {
            case TOPIC -> ResourceType.TOPIC;
            case GROUP -> ResourceType.GROUP;
            case TRANSACTIONAL_ID -> ResourceType.TRANSACTIONAL_ID;
        };
    }

    private static AclOperation operation(KafkaAccess.Operation operation) {
        return switch (operation) {
            case READ -> AclOperation.READ;
            case WRITE -> AclOperation.WRITE;
            case DESCRIBE -> AclOperation.DESCRIBE;
            case ALL -> AclOperation.ALL;
        };
    }
}
