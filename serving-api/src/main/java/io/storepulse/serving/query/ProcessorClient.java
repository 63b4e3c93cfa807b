package io.storepulse.serving.query;

import io.storepulse.serving.config.ServingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Transport to processor-app's internal query endpoints. Asks the configured instances in turn; the one asked
 * answers for keys it owns and redirects ({@code 307}) to the owner otherwise, which the client follows. A
 * connection failure is retried on the next instance, and the failed one is passed over for a few seconds; many
 * failures open the circuit, so callers get a quick "unavailable" instead of piling up on a dead processor.
 */
@ApplicationScoped
public class ProcessorClient {

    /** The processor's status, JSON body and {@code Retry-After} (null when absent). */
    public record Answer(int status, String body, String retryAfter) {
    }

    /**
     * How long an instance that refused a connection is passed over. Without this every other attempt would go to a
     * dead instance, half of all attempts would fail, and the circuit breaker would open although another instance
     * answers.
     */
    static final Duration PASS_OVER_FAILED = Duration.ofSeconds(5);

    private final HttpClient http;
    private final List<URI> instances;
    private final Duration timeout;
    private final AtomicInteger next = new AtomicInteger();
    /** Per instance, System.nanoTime() of its last connection failure; 0 when it has none. */
    private final AtomicLongArray failedAt;

    public ProcessorClient(ServingConfig config) {
        this.instances = config.processor().urls();
        this.timeout = config.processor().timeout();
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.failedAt = new AtomicLongArray(instances.size());
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 20, jitter = 10, retryOn = IOException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            failOn = IOException.class)
    public Answer get(String pathAndQuery) throws IOException, InterruptedException {
        int index = pick();
        HttpRequest request = HttpRequest.newBuilder(instances.get(index).resolve(pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            failedAt.set(index, System.nanoTime());
            throw e;
        }
        failedAt.set(index, 0);
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").orElse(null));
    }

    /** The next instance in turn that has not failed lately; the next in turn when all have. */
    private int pick() {
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        long now = System.nanoTime();
        for (int i = 0; i < instances.size(); i++) {
            int candidate = (first + i) % instances.size();
            long failed = failedAt.get(candidate);
            if (failed == 0 || now - failed > PASS_OVER_FAILED.toNanos()) {
                return candidate;
            }
        }
        return first;
    }
}
