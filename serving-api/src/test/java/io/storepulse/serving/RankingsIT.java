package io.storepulse.serving;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storepulse.service.json.ContractJson;
import io.storepulse.serving.ProcessorClusterStubs.Mode;
import io.storepulse.testing.StorePulseTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Best sellers and low stock gathered from every processor instance (stand-ins holding two partitions each):
 * merged into one ranking when the instances cover every partition exactly once, {@code 503} with
 * {@code Retry-After} when one cannot answer, has moved partitions or is gone; credentials and parameters first.
 */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ProcessorClusterStubs.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RankingsIT {


    @AfterEach
    void steady() {
        ProcessorClusterStubs.MODE.set(Mode.STEADY);
    }

    @Test
    void theInstancesTopProductsAreMergedIntoOneRankingOfTheAskedHour() {
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/top?limit=3&hour=2026-11-21T10:59:59.999Z")
                .then().statusCode(200)
                .body("window_start", equalTo("2026-11-21T10:00:00.000Z"))
                .body("window_end", equalTo("2026-11-21T11:00:00.000Z"))
                // 900.00 (A), 500.00 (B), then of the two at 120.50 the smaller product id
                .body("products.product_id", equalTo(List.of("p-a1", "p-b1", "p-a2")))
                .body("products[0].revenue", equalTo(900.0f))
                .body("products[2].avg_order_value", equalTo(120.5f));
        assertThat(ProcessorClusterStubs.LAST_TOP_QUERY_A.get()).as("each instance is asked for the hour's start")
                .isEqualTo("hour=2026-11-21T10%3A00%3A00.000Z&limit=3");
        assertThat(ProcessorClusterStubs.LAST_TOP_QUERY_B.get()).isEqualTo(ProcessorClusterStubs.LAST_TOP_QUERY_A.get());
    }

    @Test
    void withoutAnHourTheCurrentHourIsAsked() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.HOURS);
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/top").then().statusCode(200)
                .body("products.product_id", equalTo(List.of("p-a1", "p-b1", "p-a2", "p-b2")));
        Instant after = Instant.now().truncatedTo(ChronoUnit.HOURS);
        assertThat(ProcessorClusterStubs.LAST_TOP_QUERY_A.get()).isIn(
                "hour=" + URLEncoder.encode(ContractJson.time(before), StandardCharsets.UTF_8) + "&limit=10",
                "hour=" + URLEncoder.encode(ContractJson.time(after), StandardCharsets.UTF_8) + "&limit=10");
    }

    @Test
    void lowStockIsMergedLowestFirstAndTheTotalsAdd() {
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/inventory/low-stock").then().statusCode(200)
                .body("low_stock_below", equalTo(10))
                .body("total", equalTo(4))
                .body("products.product_id", equalTo(List.of("p-a3", "p-b3", "p-a4")))
                .body("products.current_quantity", equalTo(List.of(0, 2, 7)));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/inventory/low-stock?limit=2").then().statusCode(200)
                .body("total", equalTo(4))
                .body("products.product_id", equalTo(List.of("p-a3", "p-b3")));
    }

    @Test
    void anInstanceThatCannotAnswerMakesIt503WithItsRetryAfter() {
        ProcessorClusterStubs.MODE.set(Mode.B_RESTORING);
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/top?hour=2026-11-21T10:00:00.000Z").then()
                .statusCode(503).header("Retry-After", "4")
                .body("error", equalTo("the processor's state is not queryable right now"));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/inventory/low-stock").then()
                .statusCode(503).header("Retry-After", "4");
    }

    @Test
    void aPartitionAnsweredByNoneOrByTwoInstancesIsNeverPassedOffAsTheWhole() {
        ProcessorClusterStubs.MODE.set(Mode.B_LOST_A_PARTITION);
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/top?hour=2026-11-21T10:00:00.000Z").then()
                .statusCode(503).header("Retry-After", "1")
                .body("error", equalTo("no processor instance answered for partitions [3]: partitions are moving"));
        ProcessorClusterStubs.MODE.set(Mode.B_TOOK_A_PARTITION);
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/inventory/low-stock").then()
                .statusCode(503).header("Retry-After", "1")
                .body("error", equalTo("partition 2 was answered twice: partitions are moving"));
    }

    @Test
    void aListedInstanceThatIsGoneMakesIt503() {
        ProcessorClusterStubs.MODE.set(Mode.B_DEAD);
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/inventory/low-stock").then()
                .statusCode(503).header("Retry-After", "2")
                .body("error", startsWith("a backend cannot be reached"));
        ProcessorClusterStubs.MODE.set(Mode.STEADY);
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/inventory/low-stock").then().statusCode(200);
    }

    @Test
    void credentialsAndTheRoleQueriesAreNeeded() {
        for (String path : List.of("/v1/products/top", "/v1/inventory/low-stock", "/v1/pipeline/throughput")) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer");
            given().header("Authorization", "Bearer wrong").get(path).then().statusCode(401);
            given().header("Authorization", ServingKeys.alertsOnlyBearer()).get(path).then().statusCode(403)
                    .body("error", containsString("queries"));
        }
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/top?limit=0").then().statusCode(400)
                .body("error", equalTo("limit: must be a whole number from 1 to 100"));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/top?limit=101").then().statusCode(400)
                .body("error", startsWith("limit: "));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/top?hour=11am").then().statusCode(400)
                .body("error", startsWith("hour: "));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/inventory/low-stock?limit=many").then().statusCode(400)
                .body("error", equalTo("limit: must be a whole number from 1 to 1000"));
    }

    @Test
    void aProductCalledTopKeepsItsOwnRevenuePath() {
        // /v1/products/top is a ranking; /v1/products/top/revenue is still the product "top" (relayed, here 404).
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/top/revenue").then().statusCode(404)
                .body("error", equalTo("nothing is known of this id"));
        assertThat(ProcessorClusterStubs.LAST_PRODUCT_PATH.get()).isEqualTo("/internal/v1/products/top/revenue");
    }
}
