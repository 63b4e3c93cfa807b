package io.storepulse.serving.auth;

import io.storepulse.serving.config.ServingConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The configured API keys, each with its client's name and roles. Keys are compared by their SHA-256 digests in
 * constant time, against every configured key, so neither timing nor length tells a caller how close a guess
 * was. Several keys may be valid at once ({@code STOREPULSE_API_KEY=new,old}, or two clients with the same roles),
 * so a key is rotated without downtime (docs/RUNBOOK.md). None is built in: without one the app refuses to start,
 * except in dev mode, which makes one up for the session and logs it.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    /** A caller: the client's name (the identity's principal, never the key) and its roles. */
    public record Client(String name, Set<Role> roles) {
    }

    private record Holder(byte[] digest, Client client) {
    }

    private final List<Holder> holders = new ArrayList<>();

    public ApiKeys(ServingConfig config) {
        List<String> mainKeys = config.apiKey().orElse(List.of()).stream().map(String::strip)
                .filter(key -> !key.isEmpty()).toList();
        for (int i = 0; i < mainKeys.size(); i++) {
            holders.add(new Holder(digest(mainKeys.get(i)), new Client(i == 0 ? "api-key" : "api-key-" + (i + 1),
                    EnumSet.allOf(Role.class))));
        }
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
            holders.add(new Holder(digest(client.key()), new Client(name, roles)));
        });
        if (holders.isEmpty() && LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            String key = UUID.randomUUID().toString();
            holders.add(new Holder(digest(key), new Client("dev-session", EnumSet.allOf(Role.class))));
            LOG.warnf("no API key configured; for this dev session use Authorization: Bearer %s", key);
        }
        if (holders.isEmpty()) {
            throw new IllegalStateException("no API key configured: set STOREPULSE_API_KEY (./storepulse up generates one)");
        }
    }

    /** The client whose key this is, or null when no configured key matches. */
    public Client clientOf(String key) {
        byte[] offered = digest(key);
        Client found = null;
        for (Holder holder : holders) {
            if (MessageDigest.isEqual(holder.digest(), offered) && found == null) {
                found = holder.client();
            }
        }
        return found;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
