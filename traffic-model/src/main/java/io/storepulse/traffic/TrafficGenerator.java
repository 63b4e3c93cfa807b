package io.storepulse.traffic;

import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An endless, reproducible stream of shop traffic: legit shoppers walking session funnels, the stock movements
 * their orders cause, injected fraud episodes with their ground truth, and late, duplicate and malformed
 * records. The same {@link TrafficConfig} gives the same records, byte for byte.
 *
 * <p>Every record but a ground-truth one takes one tick of the virtual clock: record i is stamped
 * start + i * 1000 / rate ms. In each tick the stream emits, in this order of precedence: a malformed or duplicate
 * record (drawn with their ratios), a held-back late event whose delay has passed, a fraud event whose time has
 * come, a pending stock movement, the next step of the legit session due first, or else the first event of a
 * new actor, who is a fraudster with probability fraudRatio. New actors therefore start exactly as fast as the
 * rate needs.
 *
 * <p>Not thread-safe: one generator per thread.
 */
public final class TrafficGenerator {

    private final TrafficConfig config;
    private final SplittableRandom random;
    private final VirtualClock clock;
    private final Storefront storefront;
    private final StockLedger stock;
    private final FraudInjector fraud;
    private final LateArrivals lateArrivals;
    private final RecentRecords recent = new RecentRecords();
    private final MalformedRecords malformed;
    private final ArrayDeque<GeneratedRecord> stockMovements = new ArrayDeque<>();
    private final OriginCounts counts = new OriginCounts();
    private long lastVirtualTime;

    public TrafficGenerator(TrafficConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.clock = new VirtualClock(config.start().toEpochMilli(), config.rate());
        Catalogue catalogue = new Catalogue(config.products(), config.warehouses(), random);
        EventFactory events = new EventFactory(config.seed());
        IdSequence sessionIds = new IdSequence("s-");
        this.storefront = new Storefront(config.start().toEpochMilli(), new UserPool(config.users()), new ShopperDirectory(config.seed()),
                new SessionFunnel(catalogue, events, sessionIds, random), sessionIds, random);
        this.stock = new StockLedger(catalogue, events, random);
        EpisodeTools tools = new EpisodeTools(random, catalogue, events, new Baskets(catalogue, random),
                new IdSequence("f-x" + Long.toHexString(config.seed()) + "-"));
        this.fraud = new FraudInjector(config.seed(), tools, sessionIds);
        this.lateArrivals = new LateArrivals(config, clock.millisPerTick(), random);
        this.malformed = new MalformedRecords(catalogue, config.users(), random);
    }

    /** The next record of the stream. */
    public GeneratedRecord next() {
        long now = clock.now();
        GeneratedRecord record = produce(now);
        lastVirtualTime = now;
        if (record.origin() != Origin.GROUND_TRUTH) {
            clock.advance();
        }
        counts.add(record.origin());
        recent.remember(record);
        return record;
    }

    public TrafficConfig config() {
        return config;
    }

    /** Virtual time of the record last returned by {@link #next()}, in epoch ms. */
    public long virtualTimeMillis() {
        return lastVirtualTime;
    }

    /** Records emitted so far, ground truth excluded; also the number of ticks the virtual clock has advanced. */
    public long records() {
        return clock.ticks();
    }

    public long count(Origin origin) {
        return counts.of(origin);
    }

    /** Records emitted so far per origin, ground truth included. */
    public Map<Origin, Long> counts() {
        return counts.snapshot();
    }

    public long episodes(FraudPattern pattern) {
        return fraud.episodes(pattern);
    }

    /** Legit users so far: the configured population plus those who signed up because the rate needed them. */
    public int legitUsers() {
        return storefront.population();
    }

    public long legitSessions() {
        return storefront.sessionsStarted();
    }

    /** Legit sessions started and not yet over: how many shoppers are on the site right now. */
    public int sessionsInProgress() {
        return storefront.sessionsInProgress();
    }

    private GeneratedRecord produce(long now) {
        double noise = random.nextDouble();
        if (noise < config.malformedRatio()) {
            return malformed.make(now, recent);
        }
        if (noise < config.malformedRatio() + config.duplicateRatio() && !recent.isEmpty()) {
            return recent.pick(random).resent();
        }
        GeneratedRecord late = lateArrivals.releaseDue(now);
        if (late != null) {
            return late;
        }
        SpecificRecord fraudEvent = fraud.pollDue(now);
        if (fraudEvent != null) {
            bookStock(fraudEvent);
            return RecordEncoder.encode(fraudEvent, Origin.FRAUD);
        }
        GeneratedRecord movement = stockMovements.poll();
        if (movement != null) {
            return movement;
        }
        return legitOrNewActor(now);
    }

    /** The next on-time legit event; events chosen to arrive late are held back and the search goes on. */
    private GeneratedRecord legitOrNewActor(long now) {
        while (true) {
            SpecificRecord event = storefront.nextDue(now);
            if (event == null) {
                if (random.nextDouble() < config.fraudRatio()) {
                    return fraud.startEpisode(now);
                }
                event = storefront.openSession(now);
            }
            bookStock(event);
            Origin arrival = lateArrivals.arrivalOf(clock.ticks());
            GeneratedRecord record = RecordEncoder.encode(event, arrival);
            if (arrival == Origin.NORMAL) {
                return record;
            }
            lateArrivals.hold(record);
        }
    }

    /** A purchase moves stock when it happens, even when its event reaches the pipeline late. */
    private void bookStock(SpecificRecord event) {
        if (event instanceof PurchaseEvent purchase) {
            stock.book(purchase, this::queueMovement);
        }
    }

    private void queueMovement(InventoryEvent movement) {
        stockMovements.add(RecordEncoder.encode(movement, Origin.NORMAL));
    }
}
