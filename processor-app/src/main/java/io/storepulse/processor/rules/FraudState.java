package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the fraud rules remember about one user, kept inside the user's state and trimmed to what an event that can
 * still be accepted can reach: clicks per window, recent purchases, where the user was per minute, the running
 * count and sum of purchases, and recent alerts.
 */
public final class FraudState {

    /** Where a user was is kept per minute: its first and last event there, which answers any span of a minute or more. */
    static final long PRESENCE_BUCKET = 60_000;

    /** Clicks of one window: how many, the first and last event time, and the ids up to a limit. */
    public static final class ClickWindow {
        private final long start;
        private int count;
        private long first;
        private long last;
        private final List<String> ids;

        public ClickWindow(long start, int count, long first, long last, List<String> ids) {
            this.start = start;
            this.count = count;
            this.first = first;
            this.last = last;
            this.ids = ids;
        }

        public long start() {
            return start;
        }

        public int count() {
            return count;
        }

        public long first() {
            return first;
        }

        public long last() {
            return last;
        }

        /** Time between the window's first and last click. */
        public long spread() {
            return last - first;
        }

        public List<String> ids() {
            return ids;
        }
    }

    /** A purchase the purchase rules can still look at. */
    public record Paid(long time, long cents, String card, String eventId) {
    }

    /** Where the user was in one minute: the first and last event there. */
    public record Presence(String country, long bucket, long first, String firstId, long last, String lastId) {
    }

    /** An alert raised, which silences the same rule near its window end. */
    public record AlertMark(FraudRule rule, long windowEnd) {
    }

    private final TreeMap<Long, ClickWindow> clickWindows;
    private final List<Paid> purchases;
    private final List<Presence> presences;
    private final List<AlertMark> alerts;
    private long purchaseCount;
    private long purchaseSumCents;

    public FraudState() {
        this(new TreeMap<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(0), 0, 0);
    }

    /** A state as the codec reads it back: windows by start, purchases by event time. */
    public FraudState(TreeMap<Long, ClickWindow> clickWindows, List<Paid> purchases, List<Presence> presences,
                      List<AlertMark> alerts, long purchaseCount, long purchaseSumCents) {
        this.clickWindows = clickWindows;
        this.purchases = purchases;
        this.presences = presences;
        this.alerts = alerts;
        this.purchaseCount = purchaseCount;
        this.purchaseSumCents = purchaseSumCents;
    }

    /** Adds a click to its epoch-aligned window, keeping at most {@code idLimit} ids; returns the window. */
    ClickWindow addClick(long time, String eventId, long windowMillis, int idLimit) {
        long start = Math.floorDiv(time, windowMillis) * windowMillis;
        ClickWindow window = clickWindows.computeIfAbsent(start, s -> new ClickWindow(s, 0, time, time, new ArrayList<>()));
        window.count++;
        window.first = Math.min(window.first, time);
        window.last = Math.max(window.last, time);
        if (window.ids.size() < idLimit) {
            window.ids.add(eventId);
        }
        return window;
    }

    ClickWindow clickWindowOf(long time, long windowMillis) {
        return clickWindows.get(Math.floorDiv(time, windowMillis) * windowMillis);
    }

    /** Adds a purchase, keeping purchases ordered by event time. */
    void addPurchase(Paid purchase) {
        int at = purchases.size();
        while (at > 0 && purchases.get(at - 1).time() > purchase.time()) {
            at--;
        }
        purchases.add(at, purchase);
    }

    /** Purchases with event time in [from, to], oldest first. */
    List<Paid> purchasesWithin(long from, long to) {
        List<Paid> within = new ArrayList<>();
        for (Paid purchase : purchases) {
            if (purchase.time() >= from && purchase.time() <= to) {
                within.add(purchase);
            }
        }
        return within;
    }

    /** Notes that the user was in {@code country} at {@code time}. */
    void addPresence(long time, String country, String eventId) {
        long bucket = Math.floorDiv(time, PRESENCE_BUCKET) * PRESENCE_BUCKET;
        for (int i = 0; i < presences.size(); i++) {
            Presence p = presences.get(i);
            if (p.bucket() == bucket && p.country().equals(country)) {
                boolean earlier = time < p.first();
                boolean later = time > p.last();
                if (earlier || later) {
                    presences.set(i, new Presence(country, bucket, earlier ? time : p.first(),
                            earlier ? eventId : p.firstId(), later ? time : p.last(), later ? eventId : p.lastId()));
                }
                return;
            }
        }
        presences.add(new Presence(country, bucket, time, eventId, time, eventId));
    }

    /**
     * The countries the user had an event in with event time in [from, to] (a span of a minute or more), in order
     * of country, each with the id of its earliest such event that the state still knows (per minute, the first and
     * the last), so the evidence is the same whatever order the events were processed in.
     */
    Map<String, String> countriesWithin(long from, long to) {
        Map<String, String> countries = new TreeMap<>();
        Map<String, Long> earliest = new HashMap<>();
        for (Presence p : presences) {
            boolean firstWithin = p.first() >= from && p.first() <= to;
            if (firstWithin || p.last() >= from && p.last() <= to) {
                long time = firstWithin ? p.first() : p.last();
                String id = firstWithin ? p.firstId() : p.lastId();
                Long known = earliest.get(p.country());
                if (known == null || time < known || time == known && id.compareTo(countries.get(p.country())) < 0) {
                    earliest.put(p.country(), time);
                    countries.put(p.country(), id);
                }
            }
        }
        return countries;
    }

    public long purchaseCount() {
        return purchaseCount;
    }

    public long purchaseSumCents() {
        return purchaseSumCents;
    }

    /** The click windows, oldest first. */
    public Collection<ClickWindow> clickWindows() {
        return Collections.unmodifiableCollection(clickWindows.values());
    }

    /** The purchases the rules can still reach, oldest first. */
    public List<Paid> purchases() {
        return Collections.unmodifiableList(purchases);
    }

    public List<Presence> presences() {
        return Collections.unmodifiableList(presences);
    }

    public List<AlertMark> alerts() {
        return Collections.unmodifiableList(alerts);
    }

    /** Counts a purchase into the running mean; done after the rules have looked at the previous ones. */
    void countPurchase(long cents) {
        purchaseCount++;
        purchaseSumCents += cents;
    }

    /** True when an alert of {@code rule} has a window end within {@code span} of {@code windowEnd}. */
    boolean alertedNear(FraudRule rule, long windowEnd, long span) {
        for (AlertMark mark : alerts) {
            if (mark.rule() == rule && Math.abs(mark.windowEnd() - windowEnd) < span) {
                return true;
            }
        }
        return false;
    }

    void markAlert(FraudRule rule, long windowEnd) {
        alerts.add(new AlertMark(rule, windowEnd));
    }

    /**
     * Drops what no event at or after {@code horizon} can reach: click windows ending by then, purchases and
     * presences further back than the longest span, alerts that can silence nothing any more.
     */
    public void forgetBefore(long horizon, FraudThresholds thresholds) {
        if (horizon == Long.MIN_VALUE) {
            return;
        }
        long clickWindow = thresholds.clickWindow().toMillis();
        clickWindows.headMap(Math.floorDiv(horizon, clickWindow) * clickWindow).clear();
        long purchaseReach = thresholds.purchaseReach();
        purchases.removeIf(purchase -> purchase.time() < horizon - purchaseReach);
        long travelSpan = thresholds.travelSpan().toMillis();
        presences.removeIf(p -> p.bucket() + PRESENCE_BUCKET <= horizon - travelSpan);
        long longestSilence = Math.max(purchaseReach, travelSpan);
        alerts.removeIf(mark -> mark.windowEnd() <= horizon - longestSilence);
    }
}
