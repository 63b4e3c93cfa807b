package io.storepulse.serving;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.storepulse.testing.StorePulseTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /q/openapi describes every /v1 endpoint: its answer's schema, the errors it can give, and that it needs the API
 * key; and every schema has the contract's fields (CONTRACT section 6).
 */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiIT {

    private static final Map<String, String> CONTRACT_PATHS = Map.of(
            "/v1/users/{userId}/sessions", "SessionView",
            "/v1/users/{userId}/features", "FeaturesView",
            "/v1/products/{productId}/revenue", "RevenueView",
            "/v1/products/{productId}/inventory", "InventoryView",
            "/v1/fraud/alerts", "AlertView",
            "/v1/fraud/alerts/stream", "AlertView");

    private static final Map<String, List<String>> CONTRACT_FIELDS = Map.of(
            "SessionView", List.of("user_id", "session_start", "session_end", "events", "page_views",
                    "product_views", "add_to_carts", "purchases", "revenue", "converted"),
            "FeaturesView", List.of("user_id", "clicks_5m", "clicks_1h", "add_to_carts_1h", "purchases_24h",
                    "spend_24h", "avg_order_value_24h", "distinct_devices_24h", "distinct_countries_1h",
                    "last_event_time", "updated_at"),
            "RevenueView", List.of("product_id", "window_start", "window_end", "revenue", "units", "orders",
                    "avg_order_value"),
            "InventoryView", List.of("product_id", "current_quantity", "low_stock", "updated_at"),
            "AlertView", List.of("alert_id", "rule", "user_id", "risk_score", "severity", "window_start",
                    "window_end", "event_time", "detected_at", "evidence", "event_ids"),
            "ErrorBody", List.of("error"));

    @Test
    void everyV1EndpointHasItsSchemaErrorsAndCredentialsDocumented() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        assertThat(paths.keySet()).containsAll(CONTRACT_PATHS.keySet());

        paths.keySet().stream().filter(path -> path.startsWith("/v1/")).forEach(path -> {
            String get = "paths.'" + path + "'.get";
            assertThat(doc.getString(get + ".summary")).as(path + " summary").isNotBlank();
            assertThat(doc.getMap(get + ".responses")).as(path + " responses").containsKeys("200", "401", "403", "503");
            assertThat(doc.getList(get + ".security.apiKey")).as(path + " needs the API key").isNotNull();
            Map<String, Object> ok = doc.getMap(get + ".responses.'200'.content");
            assertThat(ok).as(path + " 200 content").isNotEmpty();
            String schema = ok.values().iterator().next().toString();
            String expected = CONTRACT_PATHS.get(path);
            if (expected != null) {
                assertThat(schema).as(path + " answer schema").contains("#/components/schemas/" + expected);
            }
        });
        assertThat(doc.getString("components.securitySchemes.apiKey.scheme")).isEqualTo("bearer");
        CONTRACT_FIELDS.forEach((schema, fields) -> assertThat(
                doc.getMap("components.schemas." + schema + ".properties")).as(schema).containsKeys(fields.toArray(String[]::new)));
    }
}
