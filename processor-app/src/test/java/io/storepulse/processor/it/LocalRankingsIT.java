package io.storepulse.processor.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.storepulse.service.json.ContractJson;
import io.storepulse.testing.StorePulseTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static io.storepulse.processor.it.InputRecords.item;
import static io.storepulse.processor.it.InputRecords.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The rankings over every product that the dashboard needs, read from this instance's active partitions on the
 * real broker: best sellers of one event-time hour and products low on stock, each naming the partitions it was
 * read from.
 */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreeHttpPort.class, scope = TestResourceScope.GLOBAL)
class LocalRankingsIT {

    private static final Instant T = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    @RegisterExtension
    static final InputRecords inputs = new InputRecords();

    @Test
    void theHoursBestSellersAreRankedByRevenueFromEveryPartitionThisInstanceHolds() {
        String base = unique("p");
        String a = base + "-a";
        String b = base + "-b";
        String c = base + "-c";
        inputs.purchase(unique("u"), unique("e"), List.of(item(a, 2, "9000.00")), T);                         // a: 18,000.00
        inputs.purchase(unique("u"), unique("e"), List.of(item(b, 1, "12000.00")), T.plusSeconds(1));          // b: 12,000.00
        inputs.purchase(unique("u"), unique("e"), List.of(item(c, 3, "1000.00"), item(a, 1, "500.00")), T.plusSeconds(2));
        inputs.flush();
        // a: 18,500.00 from 3 units in 2 orders; b: 12,000.00; c: 3,000.00 from 3 units in 1 order.
        String hour = ContractJson.time(T.truncatedTo(ChronoUnit.HOURS));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get("/internal/v1/local/products/top-revenue?hour={hour}&limit=3", ContractJson.time(T))
                .then().statusCode(200)
                .body("products.product_id", equalTo(List.of(a, b, c))));
        JsonPath top = given().get("/internal/v1/local/products/top-revenue?hour={hour}&limit=2", ContractJson.time(T))
                .then().statusCode(200)
                .body("window_start", equalTo(hour))
                .body("window_end", equalTo(ContractJson.time(T.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS))))
                .body("instance", equalTo("127.0.0.1:" + RestAssured.port))
                .body("products.product_id", equalTo(List.of(a, b)))
                .body("products[0].revenue", equalTo(18500.0f))
                .body("products[0].units", equalTo(3))
                .body("products[0].orders", equalTo(2))
                .body("products[0].avg_order_value", equalTo(9250.0f))
                .body("products[1].revenue", equalTo(12000.0f))
                .extract().jsonPath();
        int partitions = top.getInt("partition_count");
        assertThat(partitions).as("partition count").isPositive();
        assertThat(top.getList("partitions", Integer.class)).as("a single instance holds every partition")
                .isEqualTo(IntStream.range(0, partitions).boxed().toList());

        List<String> nextHour = given().get("/internal/v1/local/products/top-revenue?hour={hour}&limit=1000",
                        ContractJson.time(T.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS)))
                .then().statusCode(200).extract().jsonPath().getList("products.product_id", String.class);
        assertThat(nextHour).as("another hour holds none of them").doesNotContain(a, b, c);
    }

    @Test
    void productsBelowTheThresholdAreLowOnStockLowestFirstAndTenIsNot() {
        String base = unique("p");
        inputs.inventory(base + "-1", "w-1", 0, T);
        inputs.inventory(base + "-2", "w-1", 9, T);
        inputs.inventory(base + "-3", "w-1", 10, T);
        inputs.inventory(base + "-4", "w-1", 4, T);
        inputs.inventory(base + "-4", "w-2", 5, T.plusSeconds(1));      // 4 + 5 = 9 over two warehouses
        inputs.inventory(base + "-5", "w-1", 3, T);
        inputs.inventory(base + "-5", "w-1", 40, T.plusSeconds(5));     // restocked: no longer low
        inputs.flush();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ours(base,
                given().get("/internal/v1/local/inventory/low-stock?limit=10000").then().statusCode(200)
                        .extract().jsonPath())).containsExactly(base + "-1", base + "-2", base + "-4"));
        JsonPath all = given().get("/internal/v1/local/inventory/low-stock?limit=10000").then().statusCode(200)
                .body("low_stock_below", equalTo(10))
                .extract().jsonPath();
        assertThat(all.getList("products")).hasSize(all.getInt("total"));
        assertThat(all.getList("products.current_quantity", Integer.class)).isSorted().allMatch(q -> q < 10);
        assertThat(all.getList("products.low_stock", Boolean.class)).containsOnly(true);

        JsonPath one = given().get("/internal/v1/local/inventory/low-stock?limit=1").then().statusCode(200)
                .extract().jsonPath();
        assertThat(one.getList("products")).hasSize(1);
        assertThat(one.getInt("total")).as("the total counts every low product, not only those listed")
                .isEqualTo(all.getInt("total"));
        assertThat(one.getInt("partition_count")).isEqualTo(all.getInt("partition_count"));
    }

    @Test
    void theInstancesAreListedAndBadParametersAre400() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/internal/v1/instances").then().statusCode(200)
                .body("host", equalTo(List.of("127.0.0.1")))
                .body("port", equalTo(List.of(RestAssured.port)));
        given().get("/internal/v1/local/products/top-revenue").then().statusCode(400)
                .body("error", startsWith("hour: required"));
        given().get("/internal/v1/local/products/top-revenue?hour=now").then().statusCode(400)
                .body("error", startsWith("hour: "));
        given().get("/internal/v1/local/products/top-revenue?hour={h}&limit=0", ContractJson.time(T)).then()
                .statusCode(400).body("error", equalTo("limit: must be a whole number from 1 to 1000"));
        given().get("/internal/v1/local/inventory/low-stock?limit=ten").then().statusCode(400)
                .body("error", startsWith("limit: "));
        given().get("/internal/v1/local/inventory/low-stock?limit=10001").then().statusCode(400)
                .body("error", startsWith("limit: "));
    }

    private static List<String> ours(String base, JsonPath lowStock) {
        return lowStock.getList("products.product_id", String.class).stream().filter(id -> id.startsWith(base)).toList();
    }

}
