package io.storepulse.traffic;

import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.PurchaseItem;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Walks a legit session through home page, login, searches, product views, cart, checkout and purchase, with
 * drop-off at every step. Each step emits one event; the legit caps hold by construction: at most one purchase
 * per session, a cart always worth 5.00 to 999.99, and at least {@link Persona#MIN_THINK_MILLIS} between events.
 */
final class SessionFunnel {

    /** A legit order stays under 1,000.00, so it can never look like an AMOUNT_SPIKE. */
    static final long MAX_BASKET_CENTS = 99_999;

    private static final String[] SEARCH_TERMS = {
            "shoes", "headphones", "coffee+maker", "yoga+mat", "backpack", "desk+lamp", "running+jacket",
            "phone+case", "gift+ideas", "sale", "kids+toys", "kitchen+knife", "sunglasses", "wireless+charger",
            "board+games", "winter+boots"};
    private static final String[] EXTERNAL_REFERRERS = {
            null, "https://www.google.com/", "https://www.facebook.com/", "https://newsletter.storepulse.io/",
            "https://www.bing.com/"};
    private static final WeightedChoice REFERRER_SHARES = new WeightedChoice(40, 35, 10, 10, 5);
    private static final Map<String, String> NO_PROPERTIES = Map.of();
    private static final int MAX_QUANTITY = 9;

    private final Catalogue catalogue;
    private final EventFactory events;
    private final IdSequence sessionIds;
    private final SplittableRandom random;
    private final String[] searchUrls = new String[SEARCH_TERMS.length];
    private final Map<String, String>[] searchProperties;
    private final Map<String, String>[] quantityProperties;

    @SuppressWarnings("unchecked")
    SessionFunnel(Catalogue catalogue, EventFactory events, IdSequence sessionIds, SplittableRandom random) {
        this.catalogue = catalogue;
        this.events = events;
        this.sessionIds = sessionIds;
        this.random = random;
        searchProperties = new Map[SEARCH_TERMS.length];
        for (int i = 0; i < SEARCH_TERMS.length; i++) {
            searchUrls[i] = "/search?q=" + SEARCH_TERMS[i];
            searchProperties[i] = Map.of("query", SEARCH_TERMS[i].replace('+', ' '));
        }
        quantityProperties = new Map[MAX_QUANTITY + 1];
        for (int q = 1; q <= MAX_QUANTITY; q++) {
            quantityProperties[q] = Map.of("quantity", Integer.toString(q));
        }
    }

    /** Emits the session's current step at {@code now}, then plans its next step and when it is due. */
    SpecificRecord step(ShoppingSession session, long now) {
        SpecificRecord event = emit(session, now);
        session.next = planAfter(session);
        session.dueAt = now + session.shopper().persona().thinkMillis(random);
        return event;
    }

    private SpecificRecord emit(ShoppingSession session, long now) {
        return switch (session.next) {
            case HOME -> click(session, now, ClickEventType.PAGE_VIEW, "/", null,
                    EXTERNAL_REFERRERS[REFERRER_SHARES.pick(random)], NO_PROPERTIES);
            case LOGIN -> click(session, now, ClickEventType.LOGIN, "/login", null, session.lastPage, NO_PROPERTIES);
            case SEARCH -> search(session, now);
            case PRODUCT_VIEW -> viewProduct(session, now);
            case ADD_TO_CART -> addToCart(session, now);
            case REMOVE_FROM_CART -> removeFromCart(session, now);
            case CHECKOUT_START -> click(session, now, ClickEventType.CHECKOUT_START, "/checkout", null, "/cart",
                    NO_PROPERTIES);
            case PURCHASE -> purchase(session, now);
            case DONE -> throw new IllegalStateException("session " + session.sessionNumber() + " is already over");
        };
    }

    private SpecificRecord search(ShoppingSession session, long now) {
        int term = random.nextInt(SEARCH_TERMS.length);
        return click(session, now, ClickEventType.SEARCH, searchUrls[term], null, session.lastPage,
                searchProperties[term]);
    }

    private SpecificRecord viewProduct(ShoppingSession session, long now) {
        int product = session.shopper().persona().basket().bargainsOnly()
                ? catalogue.bargain(random) : catalogue.popular(random);
        session.lastProduct = product;
        session.viewsLeft--;
        return click(session, now, ClickEventType.PRODUCT_VIEW, catalogue.pageUrl(product), catalogue.id(product),
                session.lastPage, NO_PROPERTIES);
    }

    private SpecificRecord addToCart(ShoppingSession session, long now) {
        int product = session.lastProduct;
        session.addToCart(product, session.quantityToAdd, catalogue.priceCents(product));
        return click(session, now, ClickEventType.ADD_TO_CART, catalogue.pageUrl(product), catalogue.id(product),
                session.lastPage, quantityProperties[session.quantityToAdd]);
    }

    private SpecificRecord removeFromCart(ShoppingSession session, long now) {
        int line = random.nextInt(session.cartSize());
        int product = session.removeFromCart(line, catalogue.priceCents(session.cartProduct(line)));
        return click(session, now, ClickEventType.REMOVE_FROM_CART, "/cart", catalogue.id(product),
                session.lastPage, NO_PROPERTIES);
    }

    private ShoppingSession.Step planAfter(ShoppingSession session) {
        Persona.Funnel funnel = session.shopper().persona().funnel();
        return switch (session.next) {
            case HOME -> random.nextDouble() < funnel.login() ? ShoppingSession.Step.LOGIN : afterLanding(funnel);
            case LOGIN -> afterLanding(funnel);
            case SEARCH -> ShoppingSession.Step.PRODUCT_VIEW;
            case PRODUCT_VIEW -> random.nextDouble() < funnel.addToCart() && planAddToCart(session)
                    ? ShoppingSession.Step.ADD_TO_CART : browseOn(session, funnel);
            case ADD_TO_CART -> random.nextDouble() < funnel.removeFromCart()
                    ? ShoppingSession.Step.REMOVE_FROM_CART : browseOn(session, funnel);
            case REMOVE_FROM_CART -> browseOn(session, funnel);
            case CHECKOUT_START -> random.nextDouble() < funnel.purchase()
                    ? ShoppingSession.Step.PURCHASE : ShoppingSession.Step.DONE;
            case PURCHASE, DONE -> ShoppingSession.Step.DONE;
        };
    }

    private ShoppingSession.Step afterLanding(Persona.Funnel funnel) {
        if (random.nextDouble() < funnel.bounce()) {
            return ShoppingSession.Step.DONE;
        }
        return random.nextDouble() < funnel.search() ? ShoppingSession.Step.SEARCH : ShoppingSession.Step.PRODUCT_VIEW;
    }

    private ShoppingSession.Step browseOn(ShoppingSession session, Persona.Funnel funnel) {
        if (session.viewsLeft <= 0) {
            boolean checksOut = !session.cartEmpty() && random.nextDouble() < funnel.checkout();
            return checksOut ? ShoppingSession.Step.CHECKOUT_START : ShoppingSession.Step.DONE;
        }
        if (random.nextDouble() < funnel.dropOff()) {
            return ShoppingSession.Step.DONE;
        }
        return random.nextDouble() < funnel.search() ? ShoppingSession.Step.SEARCH : ShoppingSession.Step.PRODUCT_VIEW;
    }

    /** Picks how many of the product just viewed go to the cart, keeping the cart under the basket cap. */
    private boolean planAddToCart(ShoppingSession session) {
        int product = session.lastProduct;
        if (session.cartFull() || session.inCart(product)) {
            return false;
        }
        long room = MAX_BASKET_CENTS - session.cartCents();
        int wanted = 1 + random.nextInt(Math.min(MAX_QUANTITY, session.shopper().persona().basket().maxQuantity()));
        int quantity = (int) Math.min(wanted, room / catalogue.priceCents(product));
        if (quantity < 1) {
            return false;
        }
        session.quantityToAdd = quantity;
        return true;
    }

    private SpecificRecord click(ShoppingSession session, long now, ClickEventType type, String pageUrl,
                                 String productId, String referrer, Map<String, String> properties) {
        Shopper shopper = session.shopper();
        session.lastPage = pageUrl;
        return events.click(shopper.userId(), sessionIds.idOf(session.sessionNumber()), type, pageUrl, productId,
                referrer, session.device(), shopper.ipAddress(), shopper.countryCode(), now, properties);
    }

    private SpecificRecord purchase(ShoppingSession session, long now) {
        Shopper shopper = session.shopper();
        List<PurchaseItem> items = session.cartItems(catalogue);
        return events.purchase(shopper.userId(), sessionIds.idOf(session.sessionNumber()), items,
                shopper.paymentMethod(), shopper.cardFingerprint(), shopper.ipAddress(), shopper.countryCode(),
                session.device(), now);
    }
}
