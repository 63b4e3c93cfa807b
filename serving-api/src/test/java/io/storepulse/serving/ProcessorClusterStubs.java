package io.storepulse.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two stand-ins for processor instances holding 4 product partitions between them: A holds 0 and 2, B holds 1
 * and 3, and each names both when asked for the instances. {@link #MODE} makes B misbehave the ways a real cluster
 * does while partitions move or an instance dies.
 */
public class ProcessorClusterStubs implements QuarkusTestResourceLifecycleManager {

    enum Mode {
        /** Every partition answered once. */
        STEADY,
        /** B answers 503 with Retry-After 4, as a processor restoring its state does. */
        B_RESTORING,
        /** B has already given up partition 3, and A has not taken it yet. */
        B_LOST_A_PARTITION,
        /** B has already taken partition 2, and A still answers for it. */
        B_TOOK_A_PARTITION,
        /** The instance list still names B, but nothing listens there any more. */
        B_DEAD
    }

    static final AtomicReference<Mode> MODE = new AtomicReference<>(Mode.STEADY);
    /** The query string of the last top-revenue request each instance got. */
    static final AtomicReference<String> LAST_TOP_QUERY_A = new AtomicReference<>();
    static final AtomicReference<String> LAST_TOP_QUERY_B = new AtomicReference<>();
    /** The path of the last single-product query A got; it knows no product. */
    static final AtomicReference<String> LAST_PRODUCT_PATH = new AtomicReference<>();

    private HttpServer a;
    private HttpServer b;
    private int deadPort;

    @Override
    public Map<String, String> start() {
        try {
            a = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            b = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            try (ServerSocket closedAgain = new ServerSocket(0)) {
                deadPort = closedAgain.getLocalPort();
            }
            for (HttpServer server : new HttpServer[] {a, b}) {
                server.createContext("/internal/v1/instances", exchange -> answer(exchange, 200, instances(), null));
            }
            a.createContext("/internal/v1/local/products/top-revenue", exchange -> {
                LAST_TOP_QUERY_A.set(exchange.getRequestURI().getRawQuery());
                answer(exchange, 200, topRevenue(a, "[0,2]", "[" + revenue("p-a1", "900.00") + ","
                        + revenue("p-a2", "120.50") + "]"), null);
            });
            b.createContext("/internal/v1/local/products/top-revenue", exchange -> {
                LAST_TOP_QUERY_B.set(exchange.getRequestURI().getRawQuery());
                bAnswers(exchange, topRevenue(b, bPartitions(), "[" + revenue("p-b1", "500.00") + ","
                        + revenue("p-b2", "120.50") + "]"));
            });
            a.createContext("/internal/v1/products/", exchange -> {
                LAST_PRODUCT_PATH.set(exchange.getRequestURI().getPath());
                answer(exchange, 404, "{\"error\":\"nothing is known of this id\"}", null);
            });
            a.createContext("/internal/v1/local/inventory/low-stock", exchange -> answer(exchange, 200,
                    lowStock(a, "[0,2]", 3, "[" + stock("p-a3", 0) + "," + stock("p-a4", 7) + "]"), null));
            b.createContext("/internal/v1/local/inventory/low-stock", exchange ->
                    bAnswers(exchange, lowStock(b, bPartitions(), 1, "[" + stock("p-b3", 2) + "]")));
            a.start();
            b.start();
            return Map.of("storepulse.processor.urls", "http://127.0.0.1:" + a.getAddress().getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        a.stop(0);
        b.stop(0);
    }

    private String instances() {
        int bPort = MODE.get() == Mode.B_DEAD ? deadPort : b.getAddress().getPort();
        return "[{\"host\":\"127.0.0.1\",\"port\":" + a.getAddress().getPort() + "},{\"host\":\"127.0.0.1\",\"port\":"
                + bPort + "}]";
    }

    private static String bPartitions() {
        return switch (MODE.get()) {
            case B_LOST_A_PARTITION -> "[1]";
            case B_TOOK_A_PARTITION -> "[1,2,3]";
            default -> "[1,3]";
        };
    }

    private static void bAnswers(HttpExchange exchange, String body) throws IOException {
        if (MODE.get() == Mode.B_RESTORING) {
            answer(exchange, 503, "{\"error\":\"state not queryable right now, retry: the processor is REBALANCING\"}",
                    "4");
        } else {
            answer(exchange, 200, body, null);
        }
    }

    private static String topRevenue(HttpServer instance, String partitions, String products) {
        return "{\"instance\":\"127.0.0.1:" + instance.getAddress().getPort() + "\",\"partition_count\":4,"
                + "\"partitions\":" + partitions + ",\"window_start\":\"2026-11-21T10:00:00.000Z\","
                + "\"window_end\":\"2026-11-21T11:00:00.000Z\",\"products\":" + products + "}";
    }

    private static String revenue(String product, String amount) {
        return "{\"product_id\":\"" + product + "\",\"window_start\":\"2026-11-21T10:00:00.000Z\","
                + "\"window_end\":\"2026-11-21T11:00:00.000Z\",\"revenue\":" + amount + ",\"units\":2,\"orders\":1,"
                + "\"avg_order_value\":" + amount + "}";
    }

    private static String lowStock(HttpServer instance, String partitions, int total, String products) {
        return "{\"instance\":\"127.0.0.1:" + instance.getAddress().getPort() + "\",\"partition_count\":4,"
                + "\"partitions\":" + partitions + ",\"low_stock_below\":10,\"total\":" + total + ",\"products\":"
                + products + "}";
    }

    private static String stock(String product, int quantity) {
        return "{\"product_id\":\"" + product + "\",\"current_quantity\":" + quantity + ",\"low_stock\":true,"
                + "\"updated_at\":\"2026-11-21T10:05:00.000Z\",\"units_sold_since_report\":1,\"estimated_quantity\":"
                + (quantity - 1) + "}";
    }

    private static void answer(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
