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

/**
 * Transport to processor-app's internal query endpoints. Asks the configured instances in turn; the one asked
 * answers for keys it owns and redirects ({@code 307}) to the owner otherwise, which the client follows. A
 * connection failure is retried on the next instance; many failures open the circuit, so callers get a quick
 * "unavailable" instead of piling up on a dead processor.
 */
@ApplicationScoped
public class ProcessorClient {

    /** The processor's status, JSON body and {@code Retry-After} (null when absent). */
    public record Answer(int status, String body, String retryAfter) {
    }

    private final HttpClient http;
    private final List<URI> instances;
    private final Duration timeout;
    private final AtomicInteger next = new AtomicInteger();

    public ProcessorClient(ServingConfig config) {
        this.instances = config.processor().urls();
        this.timeout = config.processor().timeout();
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 20, jitter = 10, retryOn = IOException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            failOn = IOException.class)
    public Answer get(String pathAndQuery) throws IOException, InterruptedException {
        URI instance = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
        HttpRequest request = HttpRequest.newBuilder(instance.resolve(pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").orElse(null));
    }
}
