package io.storepulse.service.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.storepulse.avro.SessionSummary;

import java.math.BigDecimal;

/** A session as the REST API shows it (CONTRACT section 6). */
public record SessionView(
        @JsonProperty("user_id") String userId,
        @JsonProperty("session_start") String sessionStart,
        @JsonProperty("session_end") String sessionEnd,
        @JsonProperty("events") long events,
        @JsonProperty("page_views") long pageViews,
        @JsonProperty("product_views") long productViews,
        @JsonProperty("add_to_carts") long addToCarts,
        @JsonProperty("purchases") long purchases,
        @JsonProperty("revenue") BigDecimal revenue,
        @JsonProperty("converted") boolean converted) {

    public static SessionView of(SessionSummary s) {
        return new SessionView(s.getUserId(), ContractJson.time(s.getSessionStart()), ContractJson.time(s.getSessionEnd()),
                s.getEvents(), s.getPageViews(), s.getProductViews(), s.getAddToCarts(), s.getPurchases(),
                ContractJson.money(s.getRevenue()), s.getConverted());
    }
}
