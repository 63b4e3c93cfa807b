package io.storepulse.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import io.storepulse.system.PipelineResults.Diversion;
import io.storepulse.system.PipelineResults.FeatureValues;
import io.storepulse.system.PipelineResults.HourRevenue;
import io.storepulse.system.PipelineResults.ProductHour;
import io.storepulse.system.PipelineResults.SessionTotals;
import io.storepulse.system.TrafficFeed.ProducedRecord;
import io.storepulse.traffic.Origin;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the processor must output for the input records as the broker stored them, worked out from CONTRACT
 * sections 3, 7 and 8 alone, with the default settings:
 * <ul>
 *   <li>a record that does not decode or breaks a rule of section 3 goes to its topic's dead-letter topic;</li>
 *   <li>on each input partition, in offset order, a valid event older than the partition's stream time (the newest
 *       event time seen on it so far) minus the 10-minute grace goes to late-events;</li>
 *   <li>of the remaining clicks and purchases, the first of each event_id counts and its repeats do not;</li>
 *   <li>what counts makes the sessions (30-minute gap, inclusive), the features as of each user's newest event time,
 *       and the revenue per product and epoch-aligned event-time hour.</li>
 * </ul>
 */
final class Oracle {

    private static final long GRACE = Duration.ofMinutes(10).toMillis();
    private static final long SESSION_GAP = Duration.ofMinutes(30).toMillis();
    private static final long FIVE_MINUTES = Duration.ofMinutes(5).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final String PURCHASE = "PURCHASE";

    private final Instant receivedFrom;
    private final Map<String, Long> streamTimes = new HashMap<>();
    private final Set<String> countedIds = new HashSet<>();
    private final Map<String, List<Activity>> activityByUser = new TreeMap<>();
    private final Map<ProductHour, HourRevenue> revenue = new TreeMap<>();
    private final Map<Diversion, Integer> diverted = new TreeMap<>();
    /** Per product and warehouse, the newest report applied: {event time, current_quantity}. */
    private final Map<String, Map<String, long[]>> reports = new TreeMap<>();
    private final List<FraudOracle.Counted> countedEvents = new ArrayList<>();
    private long duplicates;
    private PipelineResults results;

    /** One counted click or purchase of a user; {@code kind} is the click's event_type or PURCHASE. */
    private record Activity(long time, String kind, BigDecimal amount, String device, String country) {
        boolean is(String other) {
            return kind.equals(other);
        }

        boolean click() {
            return !is(PURCHASE);
        }
    }

    private Oracle(Instant receivedFrom) {
        this.receivedFrom = receivedFrom;
    }

    /**
     * The expectation for {@code records}, whatever order they were sent in. {@code receivedFrom} is the earliest
     * the processor's clock can read when it judges whether an event_time is too far ahead.
     */
    static Oracle of(List<ProducedRecord> records, Instant receivedFrom) {
        Oracle oracle = new Oracle(receivedFrom);
        records.stream()
                .sorted(Comparator.comparing(ProducedRecord::topic).thenComparingInt(ProducedRecord::partition)
                        .thenComparingLong(ProducedRecord::offset))
                .forEach(oracle::accept);
        return oracle;
    }

    PipelineResults results() {
        if (results == null) {
            results = summarise();
        }
        return results;
    }

    private PipelineResults summarise() {
        Map<String, List<SessionTotals>> sessions = new TreeMap<>();
        Map<String, FeatureValues> features = new TreeMap<>();
        activityByUser.forEach((user, activities) -> {
            activities.sort(Comparator.comparingLong(Activity::time));
            sessions.put(user, sessions(activities));
            features.put(user, features(activities));
        });
        return new PipelineResults(revenue, sessions, features, diverted);
    }

    /**
     * Compares {@code outputs}, the processor's committed outputs, with this expectation, adding each difference to
     * {@code mismatches} and one line of what was compared to {@code summary}. {@code produced}: the input records
     * this oracle was made from, whose malformed ones must all be dead letters.
     */
    void compare(List<ProducedRecord> produced, CommittedOutputs outputs, Mismatches mismatches, List<String> summary) {
        PipelineResults expected = results();
        PipelineResults actual = outputs.results();
        int productHours = mismatches.compare("revenue of", expected.revenue(), actual.revenue());
        int sessionUsers = mismatches.compare("sessions of", expected.sessions(), actual.sessions());
        int featureUsers = mismatches.compare("features of", expected.features(), actual.features());
        int diverted = mismatches.compare("times diverted:", expected.diverted(), actual.diverted());
        mismatches.check("orders over all product-hours", expected.totalOrders(), actual.totalOrders());
        mismatches.check("events over all sessions", counted(), actual.totalSessionEvents());
        mismatches.check("purchases over all sessions", expected.totalSessionPurchases(), actual.totalSessionPurchases());
        long deadLetters = Topics.INPUTS.stream().map(Topics::deadLetterOf).mapToLong(actual::divertedTo).sum();
        mismatches.check("dead letters against the malformed records sent",
                produced.stream().filter(record -> record.origin() == Origin.MALFORMED).count(), deadLetters);
        summary.add(String.format("read %,d committed output records; compared %,d product-hours (%,d orders), "
                        + "%,d sessions of %,d users (%,d events, %,d purchases), features of %,d users, "
                        + "%,d diverted records (%,d dead letters, %,d late events); %,d duplicates counted once",
                outputs.recordsRead(), productHours, expected.totalOrders(), expected.sessionCount(), sessionUsers,
                counted(), expected.totalSessionPurchases(), featureUsers, diverted, deadLetters,
                actual.divertedTo(Topics.LATE_EVENTS), duplicates()));
    }

    /** Each product's stock (CONTRACT section 8): the sum over its warehouses of the newest report's quantity. */
    Map<String, Long> stock() {
        Map<String, Long> stock = new TreeMap<>();
        reports.forEach((product, warehouses) -> stock.put(product,
                warehouses.values().stream().mapToLong(newest -> newest[1]).sum()));
        return stock;
    }

    /**
     * Compares every product's stock as the processor at {@code processorUrl} answers it
     * ({@code /internal/v1/products/{id}/inventory}) with {@link #stock()}, adding each difference to
     * {@code mismatches} and one line to {@code summary}.
     */
    void compareStock(String processorUrl, Mismatches mismatches, List<String> summary) throws Exception {
        Map<String, Long> expected = stock();
        Map<String, Long> answered = new TreeMap<>();
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        for (String product : expected.keySet()) {
            HttpResponse<String> answer = LocalPipeline.get(http, processorUrl + "/internal/v1/products/"
                    + URLEncoder.encode(product, StandardCharsets.UTF_8).replace("+", "%20") + "/inventory");
            answered.put(product, answer.statusCode() == 200
                    ? json.readTree(answer.body()).path("current_quantity").asLong() : -answer.statusCode());
        }
        int products = mismatches.compare("stock of", expected, answered);
        summary.add(String.format("compared the stock of %,d products (%,d units in all)", products,
                expected.values().stream().mapToLong(Long::longValue).sum()));
    }

    /**
     * The fraud alerts the processor must commit for these records (CONTRACT section 8), from the clicks and
     * purchases that count and the record timestamps a task merges its two input partitions by: each partition's
     * newest valid event time up to the record (docs/ARCHITECTURE.md, "Processing order").
     */
    FraudOracle fraud() {
        return FraudOracle.of(countedEvents);
    }

    /** Valid on-time repeats of a counted event_id. */
    long duplicates() {
        return duplicates;
    }

    /** Clicks and purchases that count: valid, on time, and the first of their event_id. */
    long counted() {
        return countedIds.size();
    }

    private void accept(ProducedRecord record) {
        SpecificRecord event = decode(record);
        if (event == null || !ContractRules.valid(event, receivedFrom)) {
            divert(Topics.deadLetterOf(record.topic()), record);
            return;
        }
        long time = ((Instant) field(event, "event_time")).toEpochMilli();
        String partition = record.topic() + "-" + record.partition();
        Long streamTime = streamTimes.get(partition);
        if (streamTime != null && time < streamTime - GRACE) {
            divert(Topics.LATE_EVENTS, record);
            return;
        }
        streamTimes.merge(partition, time, Math::max);
        if (event instanceof InventoryEvent report) {
            // Newest by event time wins; of two as new, the one later in its partition (the one processed last).
            long[] newest = reports.computeIfAbsent(report.getProductId().toString(), product -> new TreeMap<>())
                    .computeIfAbsent(report.getWarehouseId().toString(), warehouse -> new long[] {Long.MIN_VALUE, 0});
            if (time >= newest[0]) {
                newest[0] = time;
                newest[1] = report.getCurrentQuantity();
            }
            return;
        }
        if (!countedIds.add(field(event, "event_id").toString())) {
            duplicates++;
            return;
        }
        long timestamp = streamTimes.get(partition);
        if (event instanceof PurchaseEvent purchase) {
            count(purchase, time);
            countedEvents.add(new FraudOracle.Counted(record.partition(), false, record.offset(), timestamp,
                    purchase.getUserId(), purchase.getEventId(), time, purchase.getCountry(), purchase.getAmount(),
                    purchase.getCardFingerprint()));
        } else {
            ClickEvent click = (ClickEvent) event;
            activityOf(click.getUserId()).add(new Activity(time, click.getEventType().name(), BigDecimal.ZERO,
                    click.getDeviceType().name(), click.getCountry()));
            countedEvents.add(new FraudOracle.Counted(record.partition(), true, record.offset(), timestamp,
                    click.getUserId(), click.getEventId(), time, click.getCountry(), null, null));
        }
    }

    private void count(PurchaseEvent purchase, long time) {
        activityOf(purchase.getUserId()).add(new Activity(time, PURCHASE, purchase.getAmount(),
                purchase.getDeviceType().name(), purchase.getCountry()));
        Instant hour = Instant.ofEpochMilli(Math.floorDiv(time, HOUR) * HOUR);
        Set<String> products = new LinkedHashSet<>();
        for (PurchaseItem item : purchase.getItems()) {
            products.add(item.getProductId());
            revenue.merge(new ProductHour(item.getProductId(), hour), new HourRevenue(
                    item.getUnitPrice().multiply(BigDecimal.valueOf(item.getQuantity())), item.getQuantity(), 0),
                    Oracle::sum);
        }
        for (String product : products) {
            revenue.merge(new ProductHour(product, hour), new HourRevenue(BigDecimal.ZERO, 0, 1), Oracle::sum);
        }
    }

    private static HourRevenue sum(HourRevenue a, HourRevenue b) {
        return new HourRevenue(a.revenue().add(b.revenue()), a.units() + b.units(), a.orders() + b.orders());
    }

    private List<Activity> activityOf(String user) {
        return activityByUser.computeIfAbsent(user, id -> new ArrayList<>());
    }

    private void divert(String to, ProducedRecord record) {
        diverted.merge(new Diversion(to, record.topic(), record.partition(), record.offset()), 1, Integer::sum);
    }

    /** Sessions of one user's activity, sorted by time: a gap of more than 30 minutes starts a new one. */
    private static List<SessionTotals> sessions(List<Activity> sorted) {
        List<SessionTotals> sessions = new ArrayList<>();
        SessionTotals current = null;
        for (Activity activity : sorted) {
            if (current != null && activity.time() - current.end().toEpochMilli() > SESSION_GAP) {
                sessions.add(current);
                current = null;
            }
            if (current == null) {
                Instant start = Instant.ofEpochMilli(activity.time());
                current = new SessionTotals(start, start, 0, 0, 0, 0, 0, BigDecimal.ZERO);
            }
            current = plus(current, activity);
        }
        if (current != null) {
            sessions.add(current);
        }
        return sessions;
    }

    private static SessionTotals plus(SessionTotals session, Activity activity) {
        return new SessionTotals(session.start(), Instant.ofEpochMilli(activity.time()), session.events() + 1,
                session.pageViews() + (activity.is("PAGE_VIEW") ? 1 : 0),
                session.productViews() + (activity.is("PRODUCT_VIEW") ? 1 : 0),
                session.addToCarts() + (activity.is("ADD_TO_CART") ? 1 : 0),
                session.purchases() + (activity.is(PURCHASE) ? 1 : 0),
                session.revenue().add(activity.amount()));
    }

    /** Features as of T, the newest event time, each over the inclusive range [T - span, T]. */
    private static FeatureValues features(List<Activity> sorted) {
        long t = sorted.get(sorted.size() - 1).time();
        List<Activity> day = since(sorted, t - DAY, activity -> true);
        List<Activity> hour = since(sorted, t - HOUR, activity -> true);
        List<Activity> purchases = since(sorted, t - DAY, activity -> activity.is(PURCHASE));
        BigDecimal spend = purchases.stream().map(Activity::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal average = purchases.isEmpty() ? BigDecimal.ZERO
                : spend.divide(BigDecimal.valueOf(purchases.size()), 2, RoundingMode.HALF_UP);
        return new FeatureValues(
                since(sorted, t - FIVE_MINUTES, Activity::click).size(),
                since(sorted, t - HOUR, Activity::click).size(),
                since(sorted, t - HOUR, activity -> activity.is("ADD_TO_CART")).size(),
                purchases.size(), spend, average,
                (int) day.stream().map(Activity::device).distinct().count(),
                (int) hour.stream().map(Activity::country).distinct().count(),
                Instant.ofEpochMilli(t));
    }

    private static List<Activity> since(List<Activity> sorted, long from, Predicate<Activity> which) {
        return sorted.stream().filter(activity -> activity.time() >= from).filter(which).toList();
    }

    private static SpecificRecord decode(ProducedRecord record) {
        try {
            return switch (record.topic()) {
                case Topics.CLICK_EVENTS -> Codecs.CLICK.decode(record.value());
                case Topics.PURCHASE_EVENTS -> Codecs.PURCHASE.decode(record.value());
                default -> Codecs.INVENTORY.decode(record.value());
            };
        } catch (CodecException malformed) {
            return null;
        }
    }

    private static Object field(SpecificRecord event, String name) {
        return event.get(event.getSchema().getField(name).pos());
    }
}
