package io.storepulse.serving.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storepulse.service.json.ProcessorInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Asks every processor instance at once, for answers each gives from its own partitions: learns the instances from
 * any configured one ({@code /internal/v1/instances}), then sends the request to all of them in parallel. Every
 * instance must answer {@code 200}, or the first refusal is returned instead (a {@code 503} preferred, for its
 * {@code Retry-After}): a part of the answer is never passed off as all of it. A connection failure is retried once;
 * many open the circuit, so callers get a quick "unavailable" instead of piling up on a dead processor.
 */
@ApplicationScoped
public class ProcessorCluster {

    static final String INSTANCES = "/internal/v1/instances";

    /** The bodies of every instance's {@code 200}, or the answer that kept them from being complete. */
    public sealed interface Gathered {
        record Bodies(List<String> bodies) implements Gathered {
        }

        record Refused(ProcessorClient.Answer answer) implements Gathered {
        }
    }

    private final ProcessorClient processor;
    private final ObjectMapper mapper;

    public ProcessorCluster(ProcessorClient processor, ObjectMapper mapper) {
        this.processor = processor;
        this.mapper = mapper;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50, jitter = 20, retryOn = IOException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            failOn = IOException.class)
    public Gathered askEveryInstance(String pathAndQuery) throws IOException, InterruptedException {
        ProcessorClient.Answer listed = processor.get(INSTANCES);
        if (listed.status() != 200) {
            return new Gathered.Refused(listed);
        }
        ProcessorInstance[] instances;
        try {
            instances = mapper.readValue(listed.body(), ProcessorInstance[].class);
        } catch (JsonProcessingException e) {
            throw new ProcessorRefusedException(502, null, "the processor's instance list is not what it should be: "
                    + e.getOriginalMessage());
        }
        if (instances.length == 0) {
            return new Gathered.Refused(new ProcessorClient.Answer(503, "{\"error\":\"no processor instance holds tasks\"}",
                    null));
        }
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>(instances.length);
        for (ProcessorInstance instance : instances) {
            pending.add(processor.sendAsync(URI.create("http://" + instance.address() + pathAndQuery)));
        }
        try {
            List<String> bodies = new ArrayList<>(instances.length);
            ProcessorClient.Answer refusal = null;
            for (CompletableFuture<HttpResponse<String>> each : pending) {
                HttpResponse<String> response = received(each);
                if (response.statusCode() == 200) {
                    bodies.add(response.body());
                } else if (refusal == null || (refusal.status() != 503 && response.statusCode() == 503)) {
                    refusal = ProcessorClient.Answer.of(response);
                }
            }
            return refusal == null ? new Gathered.Bodies(bodies) : new Gathered.Refused(refusal);
        } finally {
            pending.forEach(each -> each.cancel(true));
        }
    }

    private static HttpResponse<String> received(CompletableFuture<HttpResponse<String>> response)
            throws IOException, InterruptedException {
        try {
            return response.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }
}
