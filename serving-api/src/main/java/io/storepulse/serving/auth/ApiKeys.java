package io.storepulse.serving.auth;

import io.storepulse.service.http.BearerKeys;
import io.storepulse.serving.config.ServingConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

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

    private final List<Client> clients = new ArrayList<>();
    private final BearerKeys digests;

    public ApiKeys(ServingConfig config) {
        List<String> keys = new ArrayList<>();
        List<String> mainKeys = config.apiKey().orElse(List.of()).stream().map(String::strip)
                .filter(key -> !key.isEmpty()).toList();
        for (int i = 0; i < mainKeys.size(); i++) {
            add(keys, mainKeys.get(i), new Client(i == 0 ? "api-key" : "api-key-" + (i + 1), EnumSet.allOf(Role.class)));
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
            add(keys, client.key(), new Client(name, roles));
        });
        if (keys.isEmpty() && LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            String key = UUID.randomUUID().toString();
            add(keys, key, new Client("dev-session", EnumSet.allOf(Role.class)));
            LOG.warnf("no API key configured; for this dev session use Authorization: Bearer %s", key);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("no API key configured: set STOREPULSE_API_KEY (./storepulse up generates one)");
        }
        digests = BearerKeys.of(keys);
    }

    /** Blank keys are skipped here as {@link BearerKeys} skips them, so positions match. */
    private void add(List<String> keys, String key, Client client) {
        if (!key.isBlank()) {
            keys.add(key);
            clients.add(client);
        }
    }

    /** The client whose key this is, or null when no configured key matches. */
    public Client clientOf(String key) {
        int found = digests.indexOf(key);
        return found < 0 ? null : clients.get(found);
    }
}
