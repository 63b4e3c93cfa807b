package io.storepulse.producer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** JSON events as a client would post them, with ids unique to each test run. */
final class Events {

    private Events() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static String recentTime() {
        return Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String click(String eventId, String userId, String time) {
        return """
                {"type":"click","event_id":"%s","user_id":"%s","session_id":"s-1","event_type":"ADD_TO_CART",
                 "page_url":"/products/p-7","product_id":"p-7","referrer":"https://search.example/q","device_type":"TABLET",
                 "ip_address":"203.0.113.7","country":"DE","event_time":"%s","properties":{"campaign":"bf","ab":"b"}}"""
                .formatted(eventId, userId, time);
    }

    static String purchase(String eventId, String userId, String time) {
        return """
                {"type":"purchase","event_id":"%s","user_id":"%s","session_id":"s-1","order_id":"o-9",
                 "items":[{"product_id":"p-7","quantity":2,"unit_price":19.99},{"product_id":"p-8","quantity":1,"unit_price":0.05}],
                 "amount":40.03,"currency":"EUR","payment_method":"DIGITAL_WALLET","card_fingerprint":null,
                 "ip_address":"2001:db8::1","country":"DE","device_type":"MOBILE","event_time":"%s"}"""
                .formatted(eventId, userId, time);
    }

    static String inventory(String eventId, String productId, String time) {
        return """
                {"type":"inventory","event_id":"%s","product_id":"%s","warehouse_id":"w-2","operation":"RESTOCK",
                 "quantity_change":40,"current_quantity":140,"event_time":"%s"}"""
                .formatted(eventId, productId, time);
    }

    static String array(String... events) {
        return "[" + String.join(",", events) + "]";
    }
}
