package io.storepulse.processor.features;

import io.storepulse.avro.UserFeatures;
import io.storepulse.model.codec.SingleObjectWriter;
import io.storepulse.model.validation.Money;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What one user's features need, and nothing more: click and add-to-cart times of the last hour, purchases of the
 * last day, and the newest time each device and country was seen. Features are as of T, the user's newest event
 * time, over the inclusive ranges [T - span, T] (CONTRACT section 8); anything older than the longest range it
 * feeds is dropped, because T never goes back.
 */
public final class UserFeatureState {

    private static final byte[] FEATURES_HEADER = SingleObjectWriter.header(UserFeatures.getClassSchema());

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

    /** A state as the codec reads it back: {@code purchaseCents} in the order of {@code purchaseTimes}. */
    public UserFeatureState(SortedTimes clicks, SortedTimes addToCarts, SortedTimes purchaseTimes, long[] purchaseCents,
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
        Values v = values(windows);
        return UserFeatures.newBuilder()
                .setUserId(userId)
                .setClicks5m(v.clicks5m())
                .setClicks1h(v.clicks1h())
                .setAddToCarts1h(v.addToCarts1h())
                .setPurchases24h(v.purchases24h())
                .setSpend24h(Money.ofCents(v.spendCents()))
                .setAvgOrderValue24h(Money.ofCents(v.averageCents()))
                .setDistinctDevices24h(v.devices24h())
                .setDistinctCountries1h(v.countries1h())
                .setLastEventTime(Instant.ofEpochMilli(lastEventTime))
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }

    /**
     * {@link #features} as {@code Codecs.FEATURES} encodes them, written straight from the values: once per event.
     * An amount with more digits than the schema allows is refused ({@code CodecException}), as Avro refuses it.
     */
    public byte[] featureBytes(String userId, long updatedAt, FeatureWindows windows) {
        Values v = values(windows);
        return new SingleObjectWriter(FEATURES_HEADER).string(userId).number(v.clicks5m()).number(v.clicks1h())
                .number(v.addToCarts1h()).number(v.purchases24h()).decimal(v.spendCents(), Money.PRECISION)
                .decimal(v.averageCents(), Money.PRECISION).number(v.devices24h()).number(v.countries1h())
                .number(lastEventTime).number(updatedAt).toByteArray();
    }

    /** The features' values as of the newest event time, amounts in cents. */
    private record Values(int clicks5m, int clicks1h, int addToCarts1h, int purchases24h, long spendCents,
                          long averageCents, int devices24h, int countries1h) {
    }

    private Values values(FeatureWindows windows) {
        long t = lastEventTime;
        int firstPurchase = purchaseTimes.firstAtOrAfter(t - windows.day().toMillis());
        int purchases = purchaseTimes.size() - firstPurchase;
        long spendCents = 0;
        for (int i = firstPurchase; i < purchaseTimes.size(); i++) {
            spendCents += purchaseCents[i];
        }
        long dayAgo = t - windows.day().toMillis();
        long hourAgo = t - windows.hour().toMillis();
        return new Values(clicks.countFrom(t - windows.shortSpan().toMillis()), clicks.countFrom(hourAgo),
                addToCarts.countFrom(hourAgo), purchases, spendCents,
                purchases == 0 ? 0 : divideHalfUp(spendCents, purchases), seenSince(devices, dayAgo),
                seenSince(countries, hourAgo));
    }

    /** {@code numerator / denominator} rounded half away from zero, as {@code BigDecimal}'s HALF_UP; denominator > 0. */
    static long divideHalfUp(long numerator, long denominator) {
        long quotient = numerator / denominator;
        long remainder = numerator % denominator;
        return Math.abs(remainder) * 2 >= denominator ? quotient + Long.signum(numerator) : quotient;
    }

    private static int seenSince(Map<String, Long> latest, long since) {
        int count = 0;
        for (long seen : latest.values()) {
            if (seen >= since) {
                count++;
            }
        }
        return count;
    }

    public long lastEventTime() {
        return lastEventTime;
    }

    public SortedTimes clicks() {
        return clicks;
    }

    public SortedTimes addToCarts() {
        return addToCarts;
    }

    public SortedTimes purchaseTimes() {
        return purchaseTimes;
    }

    /** The amount of the {@code index}th purchase of {@link #purchaseTimes}, in cents. */
    public long purchaseCents(int index) {
        return purchaseCents[index];
    }

    /** The newest time each device was seen. */
    public Map<String, Long> devices() {
        return Collections.unmodifiableMap(devices);
    }

    /** The newest time each country was seen. */
    public Map<String, Long> countries() {
        return Collections.unmodifiableMap(countries);
    }
}
