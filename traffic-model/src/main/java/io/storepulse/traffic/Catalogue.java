package io.storepulse.traffic;

import io.storepulse.model.validation.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shop's products and warehouses. Regular products ({@code p-1} ... {@code p-<size>}) cost 5.00 to 400.00;
 * after them come a few micro items (e-gift cards, stickers) under 5.00 that only card testers buy. Ids, page
 * URLs and prices are built once so that events reuse them.
 */
final class Catalogue {

    static final long MIN_PRICE_CENTS = 500;
    static final long MAX_PRICE_CENTS = 40_000;
    /** Items at or above this price make the bulk orders of amount spikes. */
    static final long EXPENSIVE_CENTS = 10_000;
    private static final int MICRO_ITEMS = 20;
    private static final int[] PRICE_ENDINGS = {99, 49, 95, 0};

    private final int regular;
    private final String[] ids;
    private final String[] pageUrls;
    private final long[] priceCents;
    private final BigDecimal[] prices;
    private final int[] expensive;
    private final String[] warehouseIds;

    Catalogue(int regular, int warehouses, SplittableRandom random) {
        this.regular = regular;
        int total = regular + MICRO_ITEMS;
        ids = new String[total];
        pageUrls = new String[total];
        priceCents = new long[total];
        prices = new BigDecimal[total];
        for (int i = 0; i < total; i++) {
            ids[i] = "p-" + (i + 1);
            pageUrls[i] = "/products/" + ids[i];
            priceCents[i] = i < regular ? regularPrice(random) : 100 + random.nextInt(400);
            prices[i] = Money.ofCents(priceCents[i]);
        }
        expensive = expensiveProducts();
        warehouseIds = new String[warehouses];
        for (int w = 0; w < warehouses; w++) {
            warehouseIds[w] = "w-" + (w + 1);
        }
    }

    /** Log-uniform, so cheap items are common and a few are dear, with shop-like endings (.99, .49, ...). */
    private static long regularPrice(SplittableRandom random) {
        double dollars = Math.exp(Math.log(MIN_PRICE_CENTS / 100.0)
                + random.nextDouble() * Math.log((double) MAX_PRICE_CENTS / MIN_PRICE_CENTS));
        long cents = (long) dollars * 100 + PRICE_ENDINGS[random.nextInt(PRICE_ENDINGS.length)];
        return Math.max(MIN_PRICE_CENTS, Math.min(MAX_PRICE_CENTS, cents));
    }

    private int[] expensiveProducts() {
        List<Integer> found = new ArrayList<>();
        int dearest = 0;
        for (int i = 0; i < regular; i++) {
            if (priceCents[i] >= EXPENSIVE_CENTS) {
                found.add(i);
            }
            if (priceCents[i] > priceCents[dearest]) {
                dearest = i;
            }
        }
        if (found.isEmpty()) {
            found.add(dearest);
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    int regularCount() {
        return regular;
    }

    int size() {
        return ids.length;
    }

    /** A regular product, skewed so that the first products of the catalogue are the best sellers. */
    int popular(SplittableRandom random) {
        double u = random.nextDouble();
        return (int) (regular * u * u);
    }

    /** The cheaper of two popular products: how a bargain hunter browses. */
    int bargain(SplittableRandom random) {
        int a = popular(random);
        int b = popular(random);
        return priceCents[a] <= priceCents[b] ? a : b;
    }

    int expensive(SplittableRandom random) {
        return expensive[random.nextInt(expensive.length)];
    }

    int micro(SplittableRandom random) {
        return regular + random.nextInt(MICRO_ITEMS);
    }

    String id(int product) {
        return ids[product];
    }

    String pageUrl(int product) {
        return pageUrls[product];
    }

    long priceCents(int product) {
        return priceCents[product];
    }

    BigDecimal price(int product) {
        return prices[product];
    }

    /** The index of a product id of this catalogue ({@code p-7} is index 6). */
    int indexOf(String productId) {
        return Integer.parseInt(productId, 2, productId.length(), 10) - 1;
    }

    int warehouses() {
        return warehouseIds.length;
    }

    String warehouseId(int warehouse) {
        return warehouseIds[warehouse];
    }
}
