package io.storepulse.serving.features;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.util.Map;

/** A user's online features as the REST API shows them (CONTRACT section 6), and their Redis field names. */
@RegisterForReflection
public record FeaturesView(
        @JsonProperty(USER_ID) String userId,
        @JsonProperty(CLICKS_5M) int clicks5m,
        @JsonProperty(CLICKS_1H) int clicks1h,
        @JsonProperty(ADD_TO_CARTS_1H) int addToCarts1h,
        @JsonProperty(PURCHASES_24H) int purchases24h,
        @JsonProperty(SPEND_24H) BigDecimal spend24h,
        @JsonProperty(AVG_ORDER_VALUE_24H) BigDecimal avgOrderValue24h,
        @JsonProperty(DISTINCT_DEVICES_24H) int distinctDevices24h,
        @JsonProperty(DISTINCT_COUNTRIES_1H) int distinctCountries1h,
        @JsonProperty(LAST_EVENT_TIME) String lastEventTime,
        @JsonProperty(UPDATED_AT) String updatedAt) {

    static final String USER_ID = "user_id";
    static final String CLICKS_5M = "clicks_5m";
    static final String CLICKS_1H = "clicks_1h";
    static final String ADD_TO_CARTS_1H = "add_to_carts_1h";
    static final String PURCHASES_24H = "purchases_24h";
    static final String SPEND_24H = "spend_24h";
    static final String AVG_ORDER_VALUE_24H = "avg_order_value_24h";
    static final String DISTINCT_DEVICES_24H = "distinct_devices_24h";
    static final String DISTINCT_COUNTRIES_1H = "distinct_countries_1h";
    static final String LAST_EVENT_TIME = "last_event_time";
    static final String UPDATED_AT = "updated_at";

    static FeaturesView of(Map<String, String> hash) {
        return new FeaturesView(hash.get(USER_ID), Integer.parseInt(hash.get(CLICKS_5M)),
                Integer.parseInt(hash.get(CLICKS_1H)), Integer.parseInt(hash.get(ADD_TO_CARTS_1H)),
                Integer.parseInt(hash.get(PURCHASES_24H)), new BigDecimal(hash.get(SPEND_24H)),
                new BigDecimal(hash.get(AVG_ORDER_VALUE_24H)), Integer.parseInt(hash.get(DISTINCT_DEVICES_24H)),
                Integer.parseInt(hash.get(DISTINCT_COUNTRIES_1H)), hash.get(LAST_EVENT_TIME), hash.get(UPDATED_AT));
    }
}
