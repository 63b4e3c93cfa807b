package io.storepulse.serving.query;

import io.storepulse.serving.config.ServingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transport to processor-app's internal query endpoints. Asks the configured instances in turn; the one asked
 * answers for keys it owns and redirects ({@code 307}) to the owner otherwise, which the client follows once. A
 * connection failure is retried on the next instance, and an instance (or owner) that refused a connection is
 * skipped for {@link #SKIP_REFUSING} while another can be asked, so a dead instance costs one failed attempt, not
 * every other one; many failures open the circuit, so callers get a quick "unavailable" instead of piling up on
 * dead processors.
 */
@ApplicationScoped
public class ProcessorClient {

    /** The processor's status, JSON body and {@code Retry-After} (null when absent). */
    public record Answer(int status, String body, String retryAfter) {

        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        }
    }

    private final HttpClient http;
    private final List<URI> instances;
    private final Duration timeout;
    private final Optional<String> internalKey;
    static final Duration SKIP_REFUSING = Duration.ofSeconds(5);

    private final AtomicInteger next = new AtomicInteger();
    /** Per host and port, until when (System.nanoTime) it is not asked first after refusing a connection. */
    private final Map<String, Long> refusingUntil = new ConcurrentHashMap<>();

    public ProcessorClient(ServingConfig config) {
        this.instances = config.processor().urls();
        this.timeout = config.processor().timeout();
        this.internalKey = config.processor().internalKey().filter(key -> !key.isBlank());
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 20, jitter = 10, retryOn = IOException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            failOn = IOException.class)
    public Answer get(String pathAndQuery) throws IOException, InterruptedException {
        URI asked = instance().resolve(pathAndQuery);
        HttpResponse<String> response = send(asked);
        if (response.statusCode() == 307 || response.statusCode() == 308) {
            String owner = response.headers().firstValue("Location")
                    .orElseThrow(() -> new IOException(asked.getAuthority() + " redirected without a Location"));
            response = send(asked.resolve(owner));
        }
        return Answer.of(response);
    }

    /**
     * A GET of {@code uri} on this client's connections, without waiting, fault tolerance or redirects: for callers
     * that ask several instances at once and guard the whole exchange themselves.
     */
    public CompletableFuture<HttpResponse<String>> sendAsync(URI uri) {
        return http.sendAsync(request(uri), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        internalKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        return request.GET().build();
    }

    /** The next configured instance in turn that has not refused a connection lately; if all have, the next one. */
    private URI instance() {
        long now = System.nanoTime();
        for (int i = 0; i < instances.size(); i++) {
            URI candidate = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
            Long until = refusingUntil.get(candidate.getAuthority());
            if (until == null || until - now <= 0) {
                return candidate;
            }
        }
        return instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
    }

    private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = http.send(request(uri), HttpResponse.BodyHandlers.ofString());
            refusingUntil.remove(uri.getAuthority());
            return response;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            refusingUntil.put(uri.getAuthority(), System.nanoTime() + SKIP_REFUSING.toNanos());
            throw e;
        }
    }
}
