import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many SSE clients on GET /v1/fraud/alerts/stream while the generator injects fraud: every client must receive
 * every alert detected while it was connected, once. The clients connect first; then the generator runs for the
 * given seconds, stops, and after a drain the list endpoint gives the alerts expected. Prints, per client, whether
 * it got exactly that set, and the delivery delay (arrival minus detected_at) percentiles over all deliveries.
 *
 * Usage (see bench/serving-sse.sh): java bench/SseFanout.java SERVING_URL PRODUCER_URL KEY CLIENTS RATE SECONDS
 */
public class SseFanout {

    private static final Pattern ALERT_ID = Pattern.compile("\"alert_id\":\"([^\"]+)\"");
    private static final Pattern DETECTED_AT = Pattern.compile("\"detected_at\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String serving = args[0];
        String producer = args[1];
        String key = args[2];
        int clients = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<List<String>> received = new ArrayList<>();
        List<Long> delaysMillis = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch connected = new CountDownLatch(clients);
        AtomicInteger failed = new AtomicInteger();
        Map<Integer, Integer> endedEarly = new ConcurrentHashMap<>();
        for (int c = 0; c < clients; c++) {
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            received.add(ids);
            int client = c;
            http.sendAsync(HttpRequest.newBuilder(URI.create(serving + "/v1/fraud/alerts/stream"))
                            .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> {
                        if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                            connected.countDown();
                            return;
                        }
                        connected.countDown();
                        response.body().forEach(line -> {
                            if (line.startsWith("data:")) {
                                long now = System.currentTimeMillis();
                                Matcher id = ALERT_ID.matcher(line);
                                Matcher detected = DETECTED_AT.matcher(line);
                                if (id.find() && detected.find()) {
                                    ids.add(id.group(1));
                                    delaysMillis.add(now - Instant.parse(detected.group(1)).toEpochMilli());
                                }
                            }
                        });
                        endedEarly.put(client, ids.size());
                    })
                    .exceptionally(error -> {
                        failed.incrementAndGet();
                        connected.countDown();
                        return null;
                    });
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            System.out.printf("only %d of %d clients connected within 60 s%n", clients - connected.getCount(), clients);
            System.exit(1);
        }
        Thread.sleep(1_000);
        Instant started = Instant.now();
        System.out.printf("%d SSE clients connected (%d refused); generator at %d events/s for %d s%n",
                clients - failed.get(), failed.get(), rate, seconds);
        post(http, producer + "/v1/generator/start", "{\"rate\":" + rate + "}");
        Thread.sleep(seconds * 1000L);
        post(http, producer + "/v1/generator/stop", "");
        Thread.sleep(20_000);   // the processor catches up and the last alerts reach the clients

        String list = http.send(HttpRequest.newBuilder(URI.create(serving + "/v1/fraud/alerts?limit=1000&since="
                        + started)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Set<String> expected = new HashSet<>();
        Matcher ids = ALERT_ID.matcher(list);
        while (ids.find()) {
            expected.add(ids.group(1));
        }
        if (expected.size() >= 1000) {
            System.out.println("1,000 alerts or more: the list endpoint cannot give them all; lower the rate or fraud ratio");
            System.exit(1);
        }
        int complete = 0;
        int duplicates = 0;
        int missing = 0;
        int extra = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (List<String> got : received) {
            List<String> copy;
            synchronized (got) {
                copy = new ArrayList<>(got);
            }
            Set<String> distinct = new HashSet<>(copy);
            duplicates += copy.size() - distinct.size();
            Set<String> lacking = new HashSet<>(expected);
            lacking.removeAll(distinct);
            missing += lacking.size();
            distinct.removeAll(expected);
            extra += distinct.size();
            if (lacking.isEmpty() && distinct.isEmpty() && copy.size() == expected.size()) {
                complete++;
            }
            min = Math.min(min, copy.size());
            max = Math.max(max, copy.size());
        }
        List<Long> delays;
        synchronized (delaysMillis) {
            delays = new ArrayList<>(delaysMillis);
        }
        Collections.sort(delays);
        System.out.printf("alerts detected in the run (list endpoint): %d%n", expected.size());
        System.out.printf("clients with exactly every alert, once: %d of %d (each received %d to %d)%n", complete,
                clients, min, max);
        System.out.printf("missing deliveries %d, duplicate deliveries %d, unexpected %d, streams ended early %d%n",
                missing, duplicates, extra, endedEarly.size());
        if (!delays.isEmpty()) {
            System.out.printf("delivery delay (arrival - detected_at) over %d deliveries: p50 %d ms, p99 %d ms, max %d ms%n",
                    delays.size(), delays.get(delays.size() / 2), delays.get((int) (delays.size() * 0.99)),
                    delays.get(delays.size() - 1));
        }
        System.exit(complete == clients && !expected.isEmpty() ? 0 : 1);
    }

    private static void post(HttpClient http, String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
