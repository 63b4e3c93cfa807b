package io.storepulse.traffic;

import io.storepulse.avro.DeviceType;

import java.util.SplittableRandom;

/** How a kind of shopper browses: devices, pace, how far down the funnel they go and what they buy. */
enum Persona {
    WINDOW_SHOPPER(40,
            new DeviceMix(40, 45, 15),
            new ThinkTime(6_000, 45_000),
            new Funnel(0.10, 0.15, 0.35, 3, 10, 0.03, 0.25, 0.25, 0.50, 0.03),
            new BasketHabit(2, 1, false)),
    BARGAIN_HUNTER(25,
            new DeviceMix(50, 40, 10),
            new ThinkTime(4_000, 25_000),
            new Funnel(0.30, 0.08, 0.55, 5, 14, 0.05, 0.35, 0.35, 0.55, 0.02),
            new BasketHabit(4, 3, true)),
    LOYAL_BUYER(15,
            new DeviceMix(60, 30, 10),
            new ThinkTime(3_000, 20_000),
            new Funnel(0.90, 0.04, 0.25, 3, 8, 0.10, 0.10, 0.60, 0.85, 0.02),
            new BasketHabit(5, 2, false)),
    MOBILE_COMMUTER(20,
            new DeviceMix(5, 90, 5),
            new ThinkTime(2_500, 12_000),
            new Funnel(0.30, 0.20, 0.30, 2, 8, 0.06, 0.15, 0.35, 0.60, 0.05),
            new BasketHabit(2, 2, false));

    /**
     * No legit shopper acts faster than this: it caps a user at 25 events in any minute, well below the
     * CLICK_RATE rule's 61, whatever the persona.
     */
    static final long MIN_THINK_MILLIS = 2_500;

    private static final Persona[] ALL = values();
    private static final WeightedChoice SHARES = shares();

    private static final DeviceType[] DEVICE_TYPES = {DeviceType.DESKTOP, DeviceType.MOBILE, DeviceType.TABLET};

    private final int share;
    private final WeightedChoice devices;
    private final ThinkTime thinkTime;
    private final Funnel funnel;
    private final BasketHabit basket;

    Persona(int share, DeviceMix devices, ThinkTime thinkTime, Funnel funnel, BasketHabit basket) {
        this.share = share;
        this.devices = new WeightedChoice(devices.desktop(), devices.mobile(), devices.tablet());
        this.thinkTime = thinkTime;
        this.funnel = funnel;
        this.basket = basket;
    }

    static Persona pick(long hash) {
        return ALL[SHARES.pick(hash)];
    }

    private static WeightedChoice shares() {
        int[] weights = new int[values().length];
        for (Persona persona : values()) {
            weights[persona.ordinal()] = persona.share;
        }
        return new WeightedChoice(weights);
    }

    DeviceType device(SplittableRandom random) {
        return DEVICE_TYPES[devices.pick(random)];
    }

    long thinkMillis(SplittableRandom random) {
        return thinkTime.draw(random);
    }

    Funnel funnel() {
        return funnel;
    }

    BasketHabit basket() {
        return basket;
    }

    /** Weights of desktop, mobile and tablet sessions. */
    record DeviceMix(int desktop, int mobile, int tablet) {
    }

    /** Pause between two events of a session, uniform in [min, max] ms. */
    record ThinkTime(long minMillis, long maxMillis) {
        ThinkTime {
            if (minMillis < MIN_THINK_MILLIS || maxMillis < minMillis) {
                throw new IllegalArgumentException("think time must be at least " + MIN_THINK_MILLIS + " ms");
            }
        }

        long draw(SplittableRandom random) {
            return minMillis + random.nextLong(maxMillis - minMillis + 1);
        }
    }

    /**
     * Probabilities of each step of a session.
     *
     * @param login          logs in after the home page
     * @param bounce         leaves right after landing
     * @param search         searches before looking at the next product
     * @param minViews       fewest product views planned for a session
     * @param maxViews       most product views planned for a session
     * @param addToCart      adds the product just viewed to the cart
     * @param removeFromCart takes something out of the cart right after adding
     * @param checkout       starts the checkout when done browsing with a non-empty cart
     * @param purchase       completes the purchase once in checkout
     * @param dropOff        leaves in the middle of browsing, at each step
     */
    record Funnel(double login, double bounce, double search, int minViews, int maxViews, double addToCart,
                  double removeFromCart, double checkout, double purchase, double dropOff) {

        int plannedViews(SplittableRandom random) {
            return minViews + random.nextInt(maxViews - minViews + 1);
        }
    }

    /**
     * What ends up in the cart.
     *
     * @param maxItems     distinct products at most
     * @param maxQuantity  units of one product at most
     * @param bargainsOnly looks at the cheaper of two products each time
     */
    record BasketHabit(int maxItems, int maxQuantity, boolean bargainsOnly) {
    }
}
