package io.storepulse.traffic;

import io.storepulse.avro.PurchaseItem;

import java.util.List;
import java.util.SplittableRandom;

/** Orders of one catalogue line whose amount falls in a given range, for fraud episodes. */
final class Baskets {

    private static final int ATTEMPTS = 64;
    /** Beyond the fewest units that reach the range, a buyer takes at most this many more. */
    private static final int EXTRA_UNITS = 2;

    private final Catalogue catalogue;
    private final SplittableRandom random;

    Baskets(Catalogue catalogue, SplittableRandom random) {
        this.catalogue = catalogue;
        this.random = random;
    }

    /** A popular product in a quantity costing {@code minCents} to {@code maxCents}, both inclusive. */
    List<PurchaseItem> between(long minCents, long maxCents) {
        return between(minCents, maxCents, false);
    }

    /** As {@link #between(long, long)}, from the dear end of the catalogue: what a bulk fraud order looks like. */
    List<PurchaseItem> dearBetween(long minCents, long maxCents) {
        return between(minCents, maxCents, true);
    }

    List<PurchaseItem> single(int product, int quantity) {
        return List.of(new PurchaseItem(catalogue.id(product), quantity, catalogue.price(product)));
    }

    private List<PurchaseItem> between(long minCents, long maxCents, boolean dear) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int product = dear ? catalogue.expensive(random) : catalogue.popular(random);
            List<PurchaseItem> basket = fitting(product, minCents, maxCents);
            if (basket != null) {
                return basket;
            }
        }
        for (int product = 0; product < catalogue.regularCount(); product++) {
            List<PurchaseItem> basket = fitting(product, minCents, maxCents);
            if (basket != null) {
                return basket;
            }
        }
        throw new IllegalStateException("no catalogue product makes an order between " + minCents + " and "
                + maxCents + " cents");
    }

    private List<PurchaseItem> fitting(int product, long minCents, long maxCents) {
        long price = catalogue.priceCents(product);
        long fewest = Math.max(1, (minCents + price - 1) / price);
        long most = Math.min(maxCents / price, fewest + EXTRA_UNITS);
        if (fewest > most) {
            return null;
        }
        return single(product, (int) (fewest + random.nextLong(most - fewest + 1)));
    }
}
