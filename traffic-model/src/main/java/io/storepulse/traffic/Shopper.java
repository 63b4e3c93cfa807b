package io.storepulse.traffic;

import io.storepulse.avro.PaymentMethod;

/**
 * A legit user as seen by the shop during one session. Everything here is the same in all of the user's
 * sessions: one home country, one IP address there, one way to pay. Ids and addresses are spelled out per event
 * rather than kept: at high rates millions of sessions are in progress, and their strings would fill the heap.
 */
record Shopper(int number, Persona persona, int country, long ipHash, PaymentMethod paymentMethod) {

    String userId() {
        return "u-" + number;
    }

    String countryCode() {
        return Countries.code(country);
    }

    String ipAddress() {
        return Countries.ipAddress(country, ipHash);
    }

    /** The user's one card; null for bank transfers. */
    String cardFingerprint() {
        return paymentMethod == PaymentMethod.BANK_TRANSFER ? null : "f-" + number;
    }
}
