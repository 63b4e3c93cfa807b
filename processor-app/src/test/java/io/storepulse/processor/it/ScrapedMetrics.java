package io.storepulse.processor.it;

import static io.restassured.RestAssured.given;

/** The processor's {@code /q/metrics}, scraped as Prometheus would, and one sample read from it. */
final class ScrapedMetrics {

    private ScrapedMetrics() {
    }

    static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** {@code series}'s value in a fresh scrape. */
    static double value(String series) {
        return sample(scrape(), series);
    }

    /** The value of the sample whose name and labels are exactly {@code series} (labels in Prometheus's order). */
    static double sample(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " is not in /q/metrics"));
    }
}
