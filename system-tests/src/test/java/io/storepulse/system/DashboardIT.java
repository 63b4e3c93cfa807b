package io.storepulse.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storepulse.stack.FreePorts;
import io.storepulse.service.json.ContractJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live dashboard in headless Chromium against a real stack started by the launcher with the generator on:
 * a wrong key is refused visibly, the right one connects; a fraud-triggering purchase posted to the collector
 * appears in the alert feed, and the best sellers, events per second and low stock show data. Saves a screenshot
 * ({@code target/dashboard.png}; with {@code -Dstorepulse.dashboard.screenshot=<file>} also there, after giving the
 * generator up to two more minutes to fill the page). Stops the stack and the browser, and checks that no process
 * of either is left.
 */
class DashboardIT {

    private static final Path ROOT = Path.of(System.getProperty("storepulse.root", "..")).toAbsolutePath().normalize();
    private static final Duration SHOWS_WITHIN = Duration.ofSeconds(90);
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 900;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aPostedAlertAppearsOnThePageNextToBestSellersEventsPerSecondAndLowStock(@TempDir Path work) throws Exception {
        Optional<Path> binary = HeadlessChromium.find();
        assertThat(binary).as("Chromium is needed for this test and is not installed: apt-get install chromium "
                + "(Debian), or set CHROMIUM to the browser's path").isPresent();

        Map<String, String> ports = Map.of("SERVING_PORT", free(), "PRODUCER_PORT", free(), "PROCESSOR_PORT", free(),
                "KAFKA_PORT", Integer.toString(FreePorts.block(2)), "REDIS_PORT", free(), "S3_PORT", free());
        Path home = work.resolve("home");
        List<ProcessHandle> started = new ArrayList<>();
        HeadlessChromium browser = null;
        try {
            launcher(home, ports, Duration.ofMinutes(6), "up", "--detach", "--rate", "200");
            started.addAll(launched(home));
            String key = Files.readString(home.resolve("api-key")).trim();
            String serving = "http://127.0.0.1:" + ports.get("SERVING_PORT");
            String collector = "http://127.0.0.1:" + ports.get("PRODUCER_PORT") + "/v1/events";

            browser = HeadlessChromium.start(binary.get(), work.resolve("chromium-profile"), WIDTH, HEIGHT);
            started.addAll(browser.processes());
            browser.navigate(serving + "/dashboard/");
            await(browser, "the page asks for a key", "!document.getElementById('key-panel').hidden");

            signIn(browser, "not-the-key");
            await(browser, "a refused key is shown as such",
                    "document.getElementById('key-problem').textContent.includes('401')");
            signIn(browser, key);
            await(browser, "the alert stream is live", "document.getElementById('connection').dataset.state === 'ok'");

            String run = UUID.randomUUID().toString().substring(0, 8);
            String user = "u-dash-" + run;
            String bestSeller = "p-dash-" + run;
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
            // AMOUNT_SPIKE: any purchase of at least 5,000 (CONTRACT section 8); also this hour's best seller.
            String posted = post(collector, "[" + purchase(user, bestSeller, "7500.00", now) + ","
                    + inventory("p-dash-" + run + "-low-a", 0, now) + "," + inventory("p-dash-" + run + "-low-b", 3, now)
                    + "," + inventory("p-dash-" + run + "-low-c", 8, now) + "]");
            assertThat(posted).as("the collector's answer").contains("\"accepted\":4");

            JsonNode alert = await(browser, "the alert of " + user + " appears in the feed",
                    "(() => { const li = document.querySelector('#alerts li[data-user-id=\"" + user + "\"]');"
                            + " return li ? {id: li.dataset.alertId, text: li.textContent} : null; })()");
            assertThat(alert.path("text").asText()).contains("AMOUNT_SPIKE").contains("HIGH");
            assertThat(alertIdsOf(serving, key, user)).as("the feed shows the alert serving-api has for " + user)
                    .containsExactly(alert.path("id").asText());

            JsonNode top = await(browser, "the purchase leads the best sellers of this hour",
                    "(() => { const row = document.querySelector('#top-products tr[data-product-id=\"" + bestSeller
                            + "\"]'); return row ? row.textContent : null; })()");
            assertThat(top.asText()).contains("7,500.00");
            await(browser, "the low-stock table lists the posted products",
                    "['a','b','c'].every(s => document.querySelector("
                            + "'#low-stock tr[data-product-id=\"p-dash-" + run + "-low-' + s + '\"]'))");
            await(browser, "events per second show the generator's traffic",
                    "parseFloat(document.getElementById('eps').textContent.replace(/,/g, '')) > 50");
            await(browser, "the sparkline is drawn",
                    "document.getElementById('sparkline-line').getAttribute('points').split(' ').length > 5");
            assertThat(browser.evaluate("document.querySelectorAll('.status.bad, .status.warn').length").asInt())
                    .as("no card reports a problem").isZero();

            String copy = System.getProperty("storepulse.dashboard.screenshot");
            if (copy != null && !copy.isBlank()) {
                // A picture for the docs: the generator's traffic gets up to two minutes to fill the page more.
                settle(browser, "document.querySelectorAll('#top-products tbody tr').length >= 5"
                        + " && document.querySelectorAll('#alerts li').length >= 3", Duration.ofMinutes(2));
            }
            Path shot = ROOT.resolve("system-tests/target/dashboard.png");
            browser.screenshot(shot);
            if (copy != null && !copy.isBlank()) {
                Files.copy(shot, Path.of(copy), StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println("dashboard: alert " + alert.path("id").asText() + " shown; screenshot " + shot);
        } catch (AssertionError e) {
            if (browser != null) {
                System.out.println(browser.diagnostics());
            }
            throw e;
        } finally {
            if (browser != null) {
                browser.close();
            }
            try {
                launcher(home, ports, Duration.ofMinutes(3), "down", "--wipe");
            } catch (AssertionError | IOException e) {
                System.out.println("stopping the stack failed: " + e.getMessage());
            }
        }
        List<String> left = started.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertThat(left).as("processes left running by the stack or the browser").isEmpty();
    }

    private static void signIn(HeadlessChromium browser, String key) throws Exception {
        browser.evaluate("document.getElementById('key-input').value = '" + key.replace("'", "\\'") + "';"
                + " document.getElementById('key-form').requestSubmit(); true");
    }

    /** Polls {@code expression} in the page until it is truthy (a throw counts as not yet); returns that value. */
    private static JsonNode await(HeadlessChromium browser, String what, String expression) throws Exception {
        long deadline = System.nanoTime() + SHOWS_WITHIN.toNanos();
        JsonNode value = null;
        while (System.nanoTime() < deadline) {
            value = browser.evaluate("(() => { try { return (" + expression + "); } catch (e) { return null; } })()");
            if (!value.isMissingNode() && !value.isNull() && !(value.isBoolean() && !value.asBoolean())) {
                return value;
            }
            Thread.sleep(500);
        }
        String statuses = browser.evaluate("Array.from(document.querySelectorAll('.status, .pill, .problem'))"
                + ".map(e => e.id + ': ' + e.textContent).join('\\n')").asText();
        throw new AssertionError("not within " + SHOWS_WITHIN.toSeconds() + " s: " + what + " (last value " + value
                + ")\npage statuses:\n" + statuses + "\n" + browser.diagnostics());
    }

    /** Waits until {@code expression} is true in the page or {@code atMost} has passed, whichever comes first. */
    private static void settle(HeadlessChromium browser, String expression, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline && !browser.evaluate(expression).asBoolean()) {
            Thread.sleep(1000);
        }
    }

    private List<String> alertIdsOf(String serving, String key, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serving + "/v1/fraud/alerts?limit=1000"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode alert : new ObjectMapper().readTree(response.body())) {
            if (user.equals(alert.path("user_id").asText())) {
                ids.add(alert.path("alert_id").asText());
            }
        }
        return ids;
    }

    private String post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("collector status, answer " + response.body()).isEqualTo(202);
        return response.body();
    }

    private static String purchase(String user, String product, String amount, Instant at) {
        String id = "e-" + user;
        return "{\"type\":\"purchase\",\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"session_id\":\"s-"
                + user + "\",\"order_id\":\"o-" + user + "\",\"items\":[{\"product_id\":\"" + product
                + "\",\"quantity\":1,\"unit_price\":" + amount + "}],\"amount\":" + amount + ",\"currency\":\"USD\","
                + "\"payment_method\":\"CREDIT_CARD\",\"card_fingerprint\":\"f-" + user + "\",\"ip_address\":"
                + "\"203.0.113.7\",\"country\":\"US\",\"device_type\":\"DESKTOP\",\"event_time\":\"" + ContractJson.time(at)
                + "\"}";
    }

    private static String inventory(String product, int quantity, Instant at) {
        return "{\"type\":\"inventory\",\"event_id\":\"e-" + product + "\",\"product_id\":\"" + product + "\","
                + "\"warehouse_id\":\"w-1\",\"operation\":\"ADJUSTMENT\",\"quantity_change\":-1,\"current_quantity\":"
                + quantity + ",\"event_time\":\"" + ContractJson.time(at) + "\"}";
    }

    /** Runs {@code ./storepulse} with its own state directory and ports, so a developer's stack is untouched. */
    private static void launcher(Path home, Map<String, String> ports, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("storepulse").toString());
        command.addAll(List.of(args));
        Path log = home.resolveSibling("launcher-" + args[0] + ".log");
        Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        Stream.of("KAFKA_BOOTSTRAP_SERVERS", "REDIS_URL", "S3_ENDPOINT", "STOREPULSE_API_KEY").forEach(env::remove);
        env.put("STOREPULSE_HOME", home.toString());
        env.putAll(ports);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("./storepulse " + String.join(" ", args) + " did not finish within "
                    + timeout.toMinutes() + " min:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        assertThat(process.exitValue()).as("exit code of ./storepulse " + String.join(" ", args) + ", output:\n"
                + Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }

    /** The processes the launcher started (local servers and apps) with everything they started in turn. */
    private static List<ProcessHandle> launched(Path home) throws IOException {
        List<ProcessHandle> all = new ArrayList<>();
        try (Stream<Path> pids = Files.list(home.resolve("pids"))) {
            for (Path pid : pids.toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(handle -> {
                    all.add(handle);
                    all.addAll(handle.descendants().toList());
                });
            }
        }
        return all;
    }

    private static String free() {
        return Integer.toString(FreePorts.next());
    }
}
