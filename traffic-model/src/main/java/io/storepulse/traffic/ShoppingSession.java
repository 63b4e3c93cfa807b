package io.storepulse.traffic;

import io.storepulse.avro.DeviceType;
import io.storepulse.avro.PurchaseItem;

import java.util.ArrayList;
import java.util.List;

/** Where one legit session stands in its funnel, and its cart. Mutable, owned by the storefront. */
final class ShoppingSession {

    enum Step { HOME, LOGIN, SEARCH, PRODUCT_VIEW, ADD_TO_CART, REMOVE_FROM_CART, CHECKOUT_START, PURCHASE, DONE }

    private final Shopper shopper;
    /** Its id, {@code s-<n>}, is spelled out per event instead of kept: see {@link Shopper}. */
    private final long sessionNumber;
    private final DeviceType device;
    private int[] cartProducts;
    private int[] cartQuantities;
    private int cartSize;
    private long cartCents;

    Step next = Step.HOME;
    int viewsLeft;
    int lastProduct = -1;
    int quantityToAdd;
    String lastPage;
    long dueAt;
    /** The next session due in the same bucket of {@link DueSessions}; kept here to spare a node per session. */
    ShoppingSession nextInBucket;

    ShoppingSession(Shopper shopper, long sessionNumber, DeviceType device, int plannedViews) {
        this.shopper = shopper;
        this.sessionNumber = sessionNumber;
        this.device = device;
        this.viewsLeft = plannedViews;
    }

    Shopper shopper() {
        return shopper;
    }

    long sessionNumber() {
        return sessionNumber;
    }

    DeviceType device() {
        return device;
    }

    boolean finished() {
        return next == Step.DONE;
    }

    boolean cartFull() {
        return cartSize == shopper.persona().basket().maxItems();
    }

    boolean cartEmpty() {
        return cartSize == 0;
    }

    int cartSize() {
        return cartSize;
    }

    long cartCents() {
        return cartCents;
    }

    boolean inCart(int product) {
        for (int i = 0; i < cartSize; i++) {
            if (cartProducts[i] == product) {
                return true;
            }
        }
        return false;
    }

    /** The cart is made on the first add: most sessions never get that far, and at high rates they are millions. */
    void addToCart(int product, int quantity, long unitCents) {
        if (cartProducts == null) {
            int maxItems = shopper.persona().basket().maxItems();
            cartProducts = new int[maxItems];
            cartQuantities = new int[maxItems];
        }
        cartProducts[cartSize] = product;
        cartQuantities[cartSize] = quantity;
        cartSize++;
        cartCents += quantity * unitCents;
    }

    /** Removes the cart line at {@code index} and returns its product. */
    int removeFromCart(int index, long unitCents) {
        int product = cartProducts[index];
        cartCents -= cartQuantities[index] * unitCents;
        cartSize--;
        cartProducts[index] = cartProducts[cartSize];
        cartQuantities[index] = cartQuantities[cartSize];
        return product;
    }

    int cartProduct(int index) {
        return cartProducts[index];
    }

    List<PurchaseItem> cartItems(Catalogue catalogue) {
        List<PurchaseItem> items = new ArrayList<>(cartSize);
        for (int i = 0; i < cartSize; i++) {
            int product = cartProducts[i];
            items.add(new PurchaseItem(catalogue.id(product), cartQuantities[i], catalogue.price(product)));
        }
        return items;
    }
}
