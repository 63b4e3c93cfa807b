package io.storepulse.serving.rest;

/**
 * Redis does not hold a user's features and cannot say whether it should: their partition of {@code user-features}
 * is being rebuilt (or its state is not known yet). Answered {@code 503} with {@code Retry-After}, never {@code 404}.
 */
public class FeaturesRebuildingException extends RuntimeException {

    public FeaturesRebuildingException(String userId) {
        super("the features of user " + userId + " are being rebuilt in Redis from user-features; try again shortly");
    }
}
