package io.storepulse.serving;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two stand-ins for processor-app's internal query API, enough to test how serving-api relays: instance A owns
 * user u-a, redirects u-b to instance B, answers 503 for u-moving and 404 for any other user or any product;
 * B owns u-b. A third address, listed first, has nothing listening: a dead instance.
 */
public class ProcessorStubs implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger REQUESTS_TO_B = new AtomicInteger();
    private HttpServer a;
    private HttpServer b;

    @Override
    public Map<String, String> start() {
        try {
            b = server();
            a = server();
            int bPort = b.getAddress().getPort();
            b.createContext("/internal/v1/users/", exchange -> {
                REQUESTS_TO_B.incrementAndGet();
                answer(exchange, 200, "[{\"user_id\":\"u-b\",\"events\":2}]", null);
            });
            a.createContext("/internal/v1/users/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith("/internal/v1/users/u-a/")) {
                    answer(exchange, 200, "[{\"user_id\":\"u-a\",\"events\":1,\"query\":\""
                            + exchange.getRequestURI().getRawQuery() + "\"}]", null);
                } else if (path.startsWith("/internal/v1/users/u-b/")) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + bPort + path);
                    answer(exchange, 307, "", null);
                } else if (exchange.getRequestURI().getRawPath().startsWith("/internal/v1/users/u%20%C3%BC%F0%9F%98%80/")) {
                    answer(exchange, 200, "[{\"raw_path\":\"" + exchange.getRequestURI().getRawPath() + "\"}]", null);
                } else if (path.startsWith("/internal/v1/users/u-moving/")) {
                    answer(exchange, 503, "{\"error\":\"rebalancing\"}", "7");
                } else {
                    answer(exchange, 404, "{\"error\":\"nothing is known of this id\"}", null);
                }
            });
            a.createContext("/internal/v1/products/", exchange ->
                    answer(exchange, 404, "{\"error\":\"nothing is known of this id\"}", null));
            a.start();
            b.start();
            int dead;
            try (ServerSocket closedAgain = new ServerSocket(0)) {
                dead = closedAgain.getLocalPort();
            }
            return Map.of("storepulse.processor.urls", "http://127.0.0.1:" + dead + ",http://127.0.0.1:"
                    + a.getAddress().getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        a.stop(0);
        b.stop(0);
    }

    private static HttpServer server() throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body,
                               String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
