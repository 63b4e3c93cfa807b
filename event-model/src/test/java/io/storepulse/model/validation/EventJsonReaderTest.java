package io.storepulse.model.validation;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.model.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonReaderTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00.000Z");
    static final String CLICK = """
            {"type":"click","event_id":"e-1","user_id":"u-42","session_id":"s-1","event_type":"PAGE_VIEW",
             "page_url":"/products/p-7","product_id":"p-7","referrer":null,"device_type":"MOBILE",
             "ip_address":"203.0.113.7","country":"US","event_time":"2026-11-21T09:59:00.123Z","properties":{}}""";
    static final String PURCHASE = """
            {"type":"purchase","event_id":"e-2","user_id":"u-42","session_id":"s-1","order_id":"o-9",
             "items":[{"product_id":"p-7","quantity":2,"unit_price":19.99}],"amount":39.98,"currency":"USD",
             "payment_method":"CREDIT_CARD","card_fingerprint":"f-3","ip_address":"203.0.113.7","country":"US",
             "device_type":"MOBILE","event_time":"2026-11-21T09:59:30.000Z"}""";
    static final String INVENTORY = """
            {"type":"inventory","event_id":"e-3","product_id":"p-7","warehouse_id":"w-1","operation":"SALE",
             "quantity_change":-2,"current_quantity":98,"event_time":"2026-11-21T09:59:30.000Z"}""";

    private final EventJsonReader reader = new EventJsonReader(EventRules.defaults(), 10_000);

    @Test
    void contractExamplesAreAcceptedWithTopicAndKey() {
        EventJsonReader.Batch batch = array(CLICK, PURCHASE, INVENTORY);

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.accepted()).extracting(ValidatedEvent::kind)
                .containsExactly(EventKind.CLICK, EventKind.PURCHASE, EventKind.INVENTORY);
        assertThat(batch.accepted()).extracting(event -> event.kind().topic())
                .containsExactly(Topics.CLICK_EVENTS, Topics.PURCHASE_EVENTS, Topics.INVENTORY_EVENTS);
        assertThat(batch.accepted()).extracting(ValidatedEvent::key).containsExactly("u-42", "u-42", "p-7");
        ClickEvent click = (ClickEvent) batch.accepted().get(0).record();
        assertThat(click.getEventTime()).isEqualTo(Instant.parse("2026-11-21T09:59:00.123Z"));
        assertThat(batch.accepted().get(0).eventTimeMillis()).isEqualTo(click.getEventTime().toEpochMilli());
        PurchaseEvent purchase = (PurchaseEvent) batch.accepted().get(1).record();
        assertThat(purchase.getAmount()).isEqualByComparingTo("39.98");
        assertThat(purchase.getItems().get(0).getUnitPrice()).isEqualByComparingTo("19.99");
        InventoryEvent inventory = (InventoryEvent) batch.accepted().get(2).record();
        assertThat(inventory.getCurrentQuantity()).isEqualTo(98);
    }

    @Test
    void optionalFieldsMayBeMissing() {
        String click = without(without(without(CLICK, "product_id"), "referrer"), "properties");
        String purchase = without(PURCHASE, "card_fingerprint");

        EventJsonReader.Batch batch = array(click, purchase);

        assertThat(batch.rejected()).isEmpty();
        ClickEvent read = (ClickEvent) batch.accepted().get(0).record();
        assertThat(read.getProductId()).isNull();
        assertThat(read.getProperties()).isEmpty();
        assertThat(((PurchaseEvent) batch.accepted().get(1).record()).getCardFingerprint()).isNull();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // event | field edit (field=json value, or -field to drop it) | expected error prefix
            "click | -user_id | user_id: required",
            "click | user_id=42 | user_id: must be a string",
            "click | user_id=\"\" | user_id: must be 1-64 characters",
            "click | user_id=\"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu\" | user_id: must be 1-64 characters, was 65",
            "click | event_type=\"CLICK\" | event_type: unknown value 'CLICK'",
            "click | device_type=\"PHONE\" | device_type: unknown value 'PHONE'",
            "click | country=\"XX\" | country: must be an ISO-3166 alpha-2 code",
            "click | country=\"us\" | country: must be an ISO-3166 alpha-2 code",
            "click | ip_address=\"999.1.1.1\" | ip_address: must be an IPv4 or IPv6 address",
            "click | event_time=\"yesterday\" | event_time: must be an ISO-8601 instant",
            "click | event_time=\"2026-11-21T10:05:00.001Z\" | event_time: 2026-11-21T10:05:00.001Z is more than 5 minutes ahead",
            "click | properties=[1] | properties: must be an object",
            "click | type=\"view\" | type: unknown value 'view'",
            "purchase | -order_id | order_id: required",
            "purchase | items=[] | items: at least one item is required",
            "purchase | items=[{\"product_id\":\"p-7\",\"quantity\":0,\"unit_price\":19.99}] | items[0].quantity: must be greater than 0",
            "purchase | items=[{\"product_id\":\"p-7\",\"quantity\":1.5,\"unit_price\":19.99}] | items[0].quantity: must be a whole number",
            "purchase | items=[{\"product_id\":\"p-7\",\"quantity\":2,\"unit_price\":-1}] | items[0].unit_price: must be at least 0",
            "purchase | items=[{\"product_id\":\"p-7\",\"quantity\":2,\"unit_price\":19.991}] | items[0].unit_price: must be a decimal(12,2)",
            "purchase | amount=39.97 | amount: 39.97 does not equal the sum of quantity * unit_price, 39.98",
            "purchase | amount=\"39.98\" | amount: must be a number",
            "purchase | currency=\"usd\" | currency: must be three capital letters",
            "purchase | currency=\"US\" | currency: must be three capital letters",
            "purchase | payment_method=\"CASH\" | payment_method: unknown value 'CASH'",
            "inventory | quantity_change=0 | quantity_change: must not be 0",
            "inventory | current_quantity=-1 | current_quantity: must be at least 0",
            "inventory | operation=\"THEFT\" | operation: unknown value 'THEFT'",
            "inventory | -warehouse_id | warehouse_id: required",
            // Edges: control characters, explicit nulls, signs, numbers past their type's range.
            "click | user_id=\"u\\u0000x\" | user_id: must not contain control characters",
            "click | event_id=\"e-1\\n\" | event_id: must not contain control characters",
            "click | session_id=\"s\\u007f\" | session_id: must not contain control characters",
            "click | user_id=null | user_id: required",
            "click | event_time=null | event_time: required",
            "purchase | amount=null | amount: required",
            "purchase | items=null | items: required",
            "purchase | amount=-39.98 | amount: must be at least 0",
            "purchase | items=[{\"product_id\":\"p-7\",\"quantity\":-2,\"unit_price\":19.99}] | items[0].quantity: must be greater than 0",
            "purchase | items=[{\"product_id\":\"p-7\",\"quantity\":3000000000,\"unit_price\":1}] | items[0].quantity: must be a whole number between -2147483648 and 2147483647",
            "purchase | items=[{\"product_id\":\"p-7\",\"quantity\":1,\"unit_price\":12345678901.00}] | items[0].unit_price: must be a decimal(12,2)",
            "purchase | items=[{\"product_id\":\"p-7\",\"quantity\":10,\"unit_price\":9999999999.99}] && amount=99999999999.90 | amount: must be a decimal(12,2)",
            "inventory | quantity_change=3000000000 | quantity_change: must be a whole number between -2147483648 and 2147483647",
            "inventory | current_quantity=2147483648 | current_quantity: must be a whole number between -2147483648 and 2147483647",
            "inventory | quantity_change=1e400 | quantity_change: must be a whole number",
    })
    void everyRuleRejectsWithANamedField(String event, String edit, String expected) {
        String json = edit(template(event), edit);

        EventJsonReader.Batch batch = array(json);

        assertThat(batch.accepted()).isEmpty();
        assertThat(batch.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.index()).isZero();
            assertThat(rejection.errors()).anySatisfy(error -> assertThat(error).startsWith(expected));
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "click | event_time=\"2026-11-21T10:05:00.000Z\"",
            "click | user_id=\"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu\"",
            "click | ip_address=\"2001:db8::7\"",
            "click | event_time=\"2026-11-21T11:00:00+01:00\"",
            "purchase | amount=39.980",
            "purchase | items=[{\"product_id\":\"p-7\",\"quantity\":2,\"unit_price\":0}] && amount=0",
            "inventory | quantity_change=5",
            "inventory | current_quantity=0",
            // An optional field may be an explicit null; text beyond ASCII is text.
            "click | referrer=null",
            "click | product_id=null",
            "click | properties=null",
            "purchase | card_fingerprint=null",
            "click | page_url=\"/caf\u00e9/\\u2603\"",
    })
    void boundaryValuesAreAccepted(String event, String edit) {
        String json = edit(template(event), edit);

        EventJsonReader.Batch batch = array(json);

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.accepted()).hasSize(1);
    }

    @Test
    void amountMustMatchItemsToTheCentAcrossItems() {
        String twoItems = edit(PURCHASE, "items=[{\"product_id\":\"p-1\",\"quantity\":3,\"unit_price\":0.10},"
                + "{\"product_id\":\"p-2\",\"quantity\":1,\"unit_price\":0.20}] && amount=0.50");
        String offByOneCent = edit(twoItems, "amount=0.51");

        assertThat(array(twoItems).accepted()).hasSize(1);
        assertThat(array(offByOneCent).rejected()).singleElement()
                .satisfies(r -> assertThat(r.errors()).containsExactly(
                        "amount: 0.51 does not equal the sum of quantity * unit_price, 0.50"));
    }

    @Test
    void invalidEventsAreListedByIndexAndTheOthersAccepted() {
        EventJsonReader.Batch batch = array(CLICK, edit(CLICK, "country=\"ZZ\""), PURCHASE, "42", edit(INVENTORY, "-product_id"));

        assertThat(batch.accepted()).extracting(ValidatedEvent::eventId).containsExactly("e-1", "e-2");
        assertThat(batch.rejected()).extracting(EventJsonReader.Rejection::index).containsExactly(1, 3, 4);
        assertThat(batch.rejected().get(1).errors()).containsExactly("event: must be a JSON object");
    }

    @Test
    void ndjsonRejectionsCarryTheLineNumber() {
        String body = CLICK.replace("\n", "") + "\n\n" + "{broken\n" + edit(PURCHASE, "currency=\"usd\"").replace("\n", "")
                + "\r\n" + INVENTORY.replace("\n", "") + "\n";

        EventJsonReader.Batch batch = reader.readNdjson(body.getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(batch.accepted()).extracting(ValidatedEvent::eventId).containsExactly("e-1", "e-3");
        assertThat(batch.rejected()).extracting(EventJsonReader.Rejection::index).containsExactly(2, 3);
        assertThat(batch.rejected().get(0).errors()).singleElement().asString().startsWith("not valid JSON");
    }

    @Test
    void bodiesThatAreNotJsonAtAllAreRefused() {
        assertThatThrownBy(() -> reader.readArray("hello".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(EventJsonReader.NotJsonException.class);
        assertThatThrownBy(() -> reader.readArray(new byte[0], NOW))
                .isInstanceOf(EventJsonReader.NotJsonException.class);
        assertThatThrownBy(() -> reader.readArray(CLICK.getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(EventJsonReader.NotJsonException.class)
                .hasMessageContaining("expected a JSON array");
        assertThatThrownBy(() -> reader.readArray(("[" + CLICK).getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(EventJsonReader.NotJsonException.class);
        assertThatThrownBy(() -> reader.readNdjson("not json\nnor this\n".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(EventJsonReader.NotJsonException.class);
    }

    @Test
    void moreEventsThanTheLimitAreRefusedWhole() {
        EventJsonReader small = new EventJsonReader(EventRules.defaults(), 2);

        assertThat(small.readArray(("[" + CLICK + "," + CLICK + "]").getBytes(StandardCharsets.UTF_8), NOW)
                .accepted()).hasSize(2);
        assertThatThrownBy(() -> small.readArray(("[" + CLICK + "," + CLICK + "," + CLICK + "]")
                .getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(EventJsonReader.TooManyEventsException.class);
        assertThatThrownBy(() -> small.readNdjson(ndjson(CLICK, CLICK, CLICK), NOW))
                .isInstanceOf(EventJsonReader.TooManyEventsException.class);
    }

    @Test
    void futureSkewIsConfigurable() {
        EventJsonReader strict = new EventJsonReader(new EventRules(Duration.ofSeconds(1)), 10);
        String inTwoSeconds = edit(CLICK, "event_time=\"2026-11-21T10:00:02.000Z\"");

        assertThat(strict.readArray(("[" + inTwoSeconds + "]").getBytes(StandardCharsets.UTF_8), NOW).rejected()).hasSize(1);
        assertThat(array(inTwoSeconds).accepted()).hasSize(1);
    }

    static String template(String event) {
        return switch (event) {
            case "click" -> CLICK;
            case "purchase" -> PURCHASE;
            default -> INVENTORY;
        };
    }

    private EventJsonReader.Batch array(String... events) {
        return arrayOf(reader, events);
    }

    /** {@code events} as one JSON array body, read by {@code reader}. */
    static EventJsonReader.Batch arrayOf(EventJsonReader reader, String... events) {
        return reader.readArray(("[" + String.join(",", events) + "]").getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static byte[] ndjson(String... events) {
        StringBuilder body = new StringBuilder();
        for (String event : events) {
            body.append(event.replace("\n", "")).append('\n');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sets {@code field=jsonValue} (replacing it or adding it) or drops {@code -field}; several joined by {@code &&}. */
    static String edit(String json, String edit) {
        if (edit.contains(" && ")) {
            String edited = json;
            for (String one : edit.split(" && ")) {
                edited = edit(edited, one);
            }
            return edited;
        }
        if (edit.startsWith("-")) {
            return without(json, edit.substring(1));
        }
        int eq = edit.indexOf('=');
        String field = edit.substring(0, eq);
        String value = edit.substring(eq + 1);
        String stripped = without(json, field);
        return stripped.substring(0, stripped.lastIndexOf('}')) + ",\"" + field + "\":" + value + "}";
    }

    static String without(String json, String field) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_BIGDECIMAL_AS_PLAIN);
        try {
            com.fasterxml.jackson.databind.node.ObjectNode node =
                    (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
            node.remove(field);
            return mapper.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
