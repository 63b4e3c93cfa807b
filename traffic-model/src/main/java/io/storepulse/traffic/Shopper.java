package io.storepulse.traffic;

import io.storepulse.avro.PaymentMethod;

/**
 * A legit user as seen by the shop during one session. Everything here is the same in all of the user's
 * sessions: one home country, one IP address there, one card.
 */
record Shopper(int number, String userId, Persona persona, String country, String ipAddress,
               PaymentMethod paymentMethod, String cardFingerprint) {
}
