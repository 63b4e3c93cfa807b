package io.storepulse.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol with the JDK's WebSocket client: open a
 * page, evaluate JavaScript in it, take a screenshot. Closing it kills the browser and every process it started.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Deque<String> output = new ArrayDeque<>();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> console = new ArrayList<>();
    private WebSocket page;

    private HeadlessChromium(Process process) {
        this.process = process;
    }

    /** The browser binary: {@code $CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the PATH. */
    static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .flatMap(dir -> Stream.of(Path.of(dir, "chromium"), Path.of(dir, "chromium-browser")))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts the browser with a fresh profile in {@code profile} and connects to its one blank page. */
    static HeadlessChromium start(Path binary, Path profile, int width, int height) throws Exception {
        Files.createDirectories(profile);
        // --no-sandbox: tests run as root in CI, where Chromium's sandbox refuses to start.
        Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--mute-audio",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true)
                .start();
        HeadlessChromium browser = new HeadlessChromium(process);
        try {
            browser.connect(width, height);
        } catch (Exception | AssertionError e) {
            browser.close();
            throw e;
        }
        return browser;
    }

    private void connect(int width, int height) throws Exception {
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    remember(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(matcher.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the browser is gone
            }
            listening.completeExceptionally(new IllegalStateException("chromium exited before it listened"));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        String browserSocket;
        try {
            browserSocket = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("chromium did not start its DevTools endpoint within " + START_TIMEOUT.toSeconds()
                    + " s; its output:\n" + output(), e);
        }
        URI endpoint = URI.create(browserSocket.replace("ws://", "http://")).resolve("/json/list");
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = json.readTree(http.send(HttpRequest.newBuilder(endpoint).timeout(CALL_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String pageSocket = null;
        for (JsonNode target : targets) {
            if ("page".equals(target.path("type").asText())) {
                pageSocket = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageSocket == null) {
            throw new AssertionError("chromium has no page to drive: " + targets);
        }
        page = http.newWebSocketBuilder().connectTimeout(CALL_TIMEOUT).buildAsync(URI.create(pageSocket), new Listener())
                .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
    }

    void navigate(String url) throws Exception {
        JsonNode result = call("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new AssertionError("chromium could not open " + url + ": " + result.get("errorText").asText());
        }
    }

    /** Evaluates {@code expression} in the page (awaiting a promise) and returns its value as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page, as wide as the window and as tall as the content. */
    void screenshot(Path file) throws Exception {
        int width = evaluate("document.documentElement.clientWidth").asInt();
        int height = evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)").asInt();
        JsonNode result = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(result.get("data").asText()));
    }

    /** What the page logged to its console, and what the browser printed, for a failure message. */
    synchronized String diagnostics() {
        return "page console:\n  " + String.join("\n  ", console) + "\nchromium output:\n" + output();
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.put(id, answer);
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", json.valueToTree(params));
        page.sendText(json.writeValueAsString(message), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError("DevTools " + method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    private synchronized void remember(String line) {
        output.addLast(line);
        if (output.size() > 40) {
            output.removeFirst();
        }
    }

    private synchronized String output() {
        return String.join("\n", output);
    }

    private synchronized void logged(JsonNode event) {
        if ("Runtime.consoleAPICalled".equals(event.path("method").asText())) {
            StringBuilder line = new StringBuilder(event.path("params").path("type").asText()).append(':');
            event.path("params").path("args").forEach(arg -> line.append(' ').append(arg.path("value").asText(
                    arg.path("description").asText())));
            console.add(line.toString());
        } else if ("Runtime.exceptionThrown".equals(event.path("method").asText())) {
            console.add("exception: " + event.path("params").path("exceptionDetails"));
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = json.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> waiting = calls.remove(message.get("id").asInt());
                        if (waiting != null) {
                            waiting.complete(message);
                        }
                    } else {
                        logged(message);
                    }
                } catch (IOException e) {
                    remember("unreadable DevTools message: " + e.getMessage());
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        if (page != null) {
            page.abort();
        }
        List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
        started.add(process.toHandle());
        started.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle each : started) {
            try {
                each.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's check that nothing is left
            }
        }
    }

    /** Every process this browser started, itself included, as known now. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        return all;
    }
}
