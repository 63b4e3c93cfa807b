package io.storepulse.traffic;

import io.storepulse.avro.PaymentMethod;

/**
 * A legit user as seen by the shop during one session. Everything here is the same in all of the user's
 * sessions: one home country, one IP address there, one way to pay.
 */
record Shopper(int number, String userId, Persona persona, String country, String ipAddress,
               PaymentMethod paymentMethod) {

    /** The user's one card; made when needed, since few sessions end in a purchase. Null for bank transfers. */
    String cardFingerprint() {
        return paymentMethod == PaymentMethod.BANK_TRANSFER ? null : "f-" + number;
    }
}
