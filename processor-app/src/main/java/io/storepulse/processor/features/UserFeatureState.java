package io.storepulse.processor.features;

import io.storepulse.avro.UserFeatures;
import io.storepulse.model.validation.Money;
import io.storepulse.processor.model.StateReader;
import io.storepulse.processor.model.StateWriter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What one user's features need, and nothing more: click and add-to-cart times of the last hour, purchases of the
 * last day, and the newest time each device and country was seen. Features are as of T, the user's newest event
 * time, over the inclusive ranges [T - span, T] (CONTRACT section 8); anything older than the longest range it
 * feeds is dropped, because T never goes back.
 */
public final class UserFeatureState {

    private final SortedTimes clicks;
    private final SortedTimes addToCarts;
    private final SortedTimes purchaseTimes;
    /** Purchase amounts in cents, in the order of {@link #purchaseTimes}. */
    private long[] purchaseCents;
    private final Map<String, Long> devices;
    private final Map<String, Long> countries;
    private long lastEventTime;

    public UserFeatureState() {
        this(new SortedTimes(), new SortedTimes(), new SortedTimes(), new long[8], new HashMap<>(4), new HashMap<>(4),
                Long.MIN_VALUE);
    }

    UserFeatureState(SortedTimes clicks, SortedTimes addToCarts, SortedTimes purchaseTimes, long[] purchaseCents,
                     Map<String, Long> devices, Map<String, Long> countries, long lastEventTime) {
        this.clicks = clicks;
        this.addToCarts = addToCarts;
        this.purchaseTimes = purchaseTimes;
        this.purchaseCents = purchaseCents;
        this.devices = devices;
        this.countries = countries;
        this.lastEventTime = lastEventTime;
    }

    public void addClick(long time, boolean addToCart, String device, String country, FeatureWindows windows) {
        seen(time, device, country);
        clicks.add(time);
        if (addToCart) {
            addToCarts.add(time);
        }
        forgetOld(windows);
    }

    public void addPurchase(long time, long amountCents, String device, String country, FeatureWindows windows) {
        seen(time, device, country);
        int at = purchaseTimes.size() - purchaseTimes.countFrom(time + 1);
        purchaseTimes.add(time);
        if (purchaseCents.length < purchaseTimes.size()) {
            purchaseCents = java.util.Arrays.copyOf(purchaseCents, purchaseTimes.size() * 2);
        }
        System.arraycopy(purchaseCents, at, purchaseCents, at + 1, purchaseTimes.size() - 1 - at);
        purchaseCents[at] = amountCents;
        forgetOld(windows);
    }

    private void seen(long time, String device, String country) {
        lastEventTime = Math.max(lastEventTime, time);
        devices.merge(device, time, Math::max);
        countries.merge(country, time, Math::max);
    }

    private void forgetOld(FeatureWindows windows) {
        long hourAgo = lastEventTime - windows.hour().toMillis();
        long dayAgo = lastEventTime - windows.day().toMillis();
        clicks.dropBefore(Math.min(hourAgo, lastEventTime - windows.shortSpan().toMillis()));
        addToCarts.dropBefore(hourAgo);
        int dropped = purchaseTimes.firstAtOrAfter(dayAgo);
        if (dropped > 0) {
            System.arraycopy(purchaseCents, dropped, purchaseCents, 0, purchaseTimes.size() - dropped);
            purchaseTimes.dropBefore(dayAgo);
        }
        devices.values().removeIf(seen -> seen < dayAgo);
        countries.values().removeIf(seen -> seen < hourAgo);
    }

    /** The features as of the newest event time; {@code updatedAt} is when they were computed. */
    public UserFeatures features(String userId, long updatedAt, FeatureWindows windows) {
        long t = lastEventTime;
        int firstPurchase = purchaseTimes.firstAtOrAfter(t - windows.day().toMillis());
        int purchases = purchaseTimes.size() - firstPurchase;
        long spendCents = 0;
        for (int i = firstPurchase; i < purchaseTimes.size(); i++) {
            spendCents += purchaseCents[i];
        }
        BigDecimal spend = Money.ofCents(spendCents);
        BigDecimal average = purchases == 0 ? Money.ZERO
                : spend.divide(BigDecimal.valueOf(purchases), Money.SCALE, RoundingMode.HALF_UP);
        long dayAgo = t - windows.day().toMillis();
        long hourAgo = t - windows.hour().toMillis();
        return UserFeatures.newBuilder()
                .setUserId(userId)
                .setClicks5m(clicks.countFrom(t - windows.shortSpan().toMillis()))
                .setClicks1h(clicks.countFrom(hourAgo))
                .setAddToCarts1h(addToCarts.countFrom(hourAgo))
                .setPurchases24h(purchases)
                .setSpend24h(spend)
                .setAvgOrderValue24h(average)
                .setDistinctDevices24h((int) devices.values().stream().filter(seen -> seen >= dayAgo).count())
                .setDistinctCountries1h((int) countries.values().stream().filter(seen -> seen >= hourAgo).count())
                .setLastEventTime(Instant.ofEpochMilli(t))
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }

    public long lastEventTime() {
        return lastEventTime;
    }

    /** Encodes the state for the state store. */
    public void write(StateWriter out) {
        writeTimes(out, clicks);
        writeTimes(out, addToCarts);
        writeTimes(out, purchaseTimes);
        for (int i = 0; i < purchaseTimes.size(); i++) {
            out.signed(purchaseCents[i]);
        }
        writeLatest(out, devices);
        writeLatest(out, countries);
        out.time(lastEventTime);
    }

    /** Decodes what {@link #write} wrote. */
    public static UserFeatureState read(StateReader in) {
        SortedTimes clicks = readTimes(in);
        SortedTimes addToCarts = readTimes(in);
        SortedTimes purchaseTimes = readTimes(in);
        long[] cents = new long[Math.max(8, purchaseTimes.size())];
        for (int i = 0; i < purchaseTimes.size(); i++) {
            cents[i] = in.signed();
        }
        return new UserFeatureState(clicks, addToCarts, purchaseTimes, cents, readLatest(in), readLatest(in), in.time());
    }

    private static void writeTimes(StateWriter out, SortedTimes times) {
        out.count(times.size());
        for (int i = 0; i < times.size(); i++) {
            out.time(times.get(i));
        }
    }

    private static SortedTimes readTimes(StateReader in) {
        int size = in.count();
        long[] times = new long[Math.max(8, size)];
        for (int i = 0; i < size; i++) {
            times[i] = in.time();
        }
        return new SortedTimes(times, size);
    }

    private static void writeLatest(StateWriter out, Map<String, Long> latest) {
        out.count(latest.size());
        for (Map.Entry<String, Long> entry : latest.entrySet()) {
            out.text(entry.getKey());
            out.time(entry.getValue());
        }
    }

    private static Map<String, Long> readLatest(StateReader in) {
        int size = in.count();
        Map<String, Long> latest = new HashMap<>(Math.max(4, size * 2));
        for (int i = 0; i < size; i++) {
            latest.put(in.text(), in.time());
        }
        return latest;
    }
}
