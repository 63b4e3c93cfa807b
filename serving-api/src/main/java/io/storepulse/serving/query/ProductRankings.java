package io.storepulse.serving.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.storepulse.service.json.ContractJson;
import io.storepulse.service.json.InventoryView;
import io.storepulse.service.json.LocalAnswer;
import io.storepulse.service.json.LocalLowStock;
import io.storepulse.service.json.LocalTopRevenue;
import io.storepulse.service.json.ProcessorInstance;
import io.storepulse.service.json.RevenueView;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rankings over every product: each processor instance ranks the products of its own partitions, and the rankings
 * are merged here. Since every product belongs to exactly one partition, the overall top {@code n} is among the
 * instances' top {@code n}s; the answer is given only when the instances covered every partition exactly once.
 */
@ApplicationScoped
@RegisterForReflection(targets = {LocalTopRevenue.class, LocalLowStock.class, ProcessorInstance.class,
        RevenueView.class, InventoryView.class})
public class ProductRankings {

    static final Duration HOUR = Duration.ofHours(1);
    /** What a caller waits before asking again when the processor's partitions moved while it was asked. */
    static final String MOVING_RETRY_AFTER = "1";

    private final ProcessorCluster cluster;
    private final ObjectMapper mapper;

    public ProductRankings(ProcessorCluster cluster, ObjectMapper mapper) {
        this.cluster = cluster;
        this.mapper = mapper;
    }

    /** The {@code limit} products with the most revenue in the event-time hour starting at {@code hourStart}. */
    public TopProducts topProducts(Instant hourStart, int limit) throws IOException, InterruptedException {
        List<LocalTopRevenue> answers = gather("/internal/v1/local/products/top-revenue?hour="
                + URLEncoder.encode(ContractJson.time(hourStart), StandardCharsets.UTF_8) + "&limit=" + limit,
                LocalTopRevenue.class);
        return new TopProducts(ContractJson.time(hourStart), ContractJson.time(hourStart.plus(HOUR)),
                topRevenue(answers, limit));
    }

    /** How many products are low on stock, and the {@code limit} with the lowest quantity. */
    public LowStock lowStock(int limit) throws IOException, InterruptedException {
        List<LocalLowStock> answers = gather("/internal/v1/local/inventory/low-stock?limit=" + limit,
                LocalLowStock.class);
        long threshold = answers.get(0).lowStockBelow();
        for (LocalLowStock answer : answers) {
            if (answer.lowStockBelow() != threshold) {
                throw new ProcessorRefusedException(502, null, "the processor instances disagree on the low-stock "
                        + "threshold (" + threshold + " and " + answer.lowStockBelow() + ")");
            }
        }
        return new LowStock(threshold, answers.stream().mapToLong(LocalLowStock::total).sum(),
                lowestStock(answers, limit));
    }

    /** Highest revenue first; equal revenue by product id, as each instance ranks. */
    static List<RevenueView> topRevenue(List<LocalTopRevenue> answers, int limit) {
        return answers.stream().flatMap(answer -> answer.products().stream())
                .sorted(Comparator.comparing(RevenueView::revenue).reversed().thenComparing(RevenueView::productId))
                .limit(limit)
                .toList();
    }

    /** Lowest quantity first, then by product id, as each instance ranks. */
    static List<InventoryView> lowestStock(List<LocalLowStock> answers, int limit) {
        return answers.stream().flatMap(answer -> answer.products().stream())
                .sorted(Comparator.comparingLong(InventoryView::currentQuantity).thenComparing(InventoryView::productId))
                .limit(limit)
                .toList();
    }

    private <T extends LocalAnswer> List<T> gather(String pathAndQuery, Class<T> type)
            throws IOException, InterruptedException {
        ProcessorCluster.Gathered gathered = cluster.askEveryInstance(pathAndQuery);
        if (gathered instanceof ProcessorCluster.Gathered.Refused refused) {
            int status = refused.answer().status();
            throw new ProcessorRefusedException(status, refused.answer().retryAfter(), status == 503
                    ? "the processor's state is not queryable right now" : "the processor answered " + status);
        }
        List<T> answers = new ArrayList<>();
        for (String body : ((ProcessorCluster.Gathered.Bodies) gathered).bodies()) {
            try {
                answers.add(mapper.readValue(body, type));
            } catch (JsonProcessingException e) {
                throw new ProcessorRefusedException(502, null, "the processor's answer is not what it should be: "
                        + e.getOriginalMessage());
            }
        }
        Optional<String> gap = PartitionCoverage.gap(answers);
        if (gap.isPresent()) {
            throw new ProcessorRefusedException(503, MOVING_RETRY_AFTER, gap.get());
        }
        return answers;
    }
}
