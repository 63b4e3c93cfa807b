package io.storepulse.serving.auth;

import io.storepulse.serving.config.ServingConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The configured API keys and their roles; compares keys in constant time. None is built in: without one the app
 * refuses to start, except in dev mode, which makes one up for the session and logs it.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private record Holder(byte[] key, Set<Role> roles) {
    }

    private final List<Holder> holders = new ArrayList<>();

    public ApiKeys(ServingConfig config) {
        config.apiKey().filter(key -> !key.isBlank())
                .ifPresent(key -> holders.add(new Holder(bytes(key), EnumSet.allOf(Role.class))));
        config.clients().forEach((name, client) -> {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : client.roles()) {
                try {
                    roles.add(Role.valueOf(role.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("storepulse.clients." + name + ".roles: unknown role '" + role
                            + "' (known: queries, features, alerts)");
                }
            }
            holders.add(new Holder(bytes(client.key()), roles));
        });
        if (holders.isEmpty() && LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            String key = UUID.randomUUID().toString();
            holders.add(new Holder(bytes(key), EnumSet.allOf(Role.class)));
            LOG.warnf("no API key configured; for this dev session use Authorization: Bearer %s", key);
        }
        if (holders.isEmpty()) {
            throw new IllegalStateException("no API key configured: set STOREPULSE_API_KEY (./storepulse up generates one)");
        }
    }

    /** The roles of the key, or null when no configured key matches. */
    public Set<Role> rolesOf(String key) {
        byte[] offered = bytes(key);
        Set<Role> found = null;
        for (Holder holder : holders) {
            if (MessageDigest.isEqual(holder.key(), offered) && found == null) {
                found = holder.roles();
            }
        }
        return found;
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
