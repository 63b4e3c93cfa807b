package io.storepulse.traffic;

import io.storepulse.avro.PaymentMethod;

/** Derives each legit user's lifelong attributes from the seed and the user number alone. */
final class ShopperDirectory {

    private static final PaymentMethod[] PAYMENT_METHODS = {
            PaymentMethod.CREDIT_CARD, PaymentMethod.DEBIT_CARD, PaymentMethod.DIGITAL_WALLET,
            PaymentMethod.GIFT_CARD, PaymentMethod.PREPAID_CARD, PaymentMethod.BANK_TRANSFER};
    private static final WeightedChoice PAYMENT_SHARES = new WeightedChoice(55, 20, 15, 4, 3, 3);

    private final long seed;

    ShopperDirectory(long seed) {
        this.seed = seed;
    }

    Shopper shopper(int number) {
        long hash = StableHash.of(seed, number);
        Persona persona = Persona.pick(StableHash.mix(hash ^ 1));
        int country = Countries.pick(StableHash.mix(hash ^ 2));
        PaymentMethod paymentMethod = PAYMENT_METHODS[PAYMENT_SHARES.pick(StableHash.mix(hash ^ 4))];
        return new Shopper(number, persona, country, StableHash.mix(hash ^ 3), paymentMethod);
    }
}
