package io.storepulse.processor.topology;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.avro.SessionSummary;
import io.storepulse.avro.UserFeatures;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.processor.config.StoreKind;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.storepulse.processor.state.StateFixtures;
import io.storepulse.processor.state.UserStateCodec;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions, de-duplication and features of one user, with every expected number worked out by hand. */
class UserActivityTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T12:00:00.000Z");

    private final Map<String, Integer> routes = new HashMap<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> clicks;
    private TestInputTopic<String, byte[]> purchases;

    /** Where the user state lives; {@link UserActivityOnRocksDbTest} runs every case again on RocksDB. */
    StoreKind userStore() {
        return StoreKind.MEMORY;
    }

    /** The driver's wall clock, which is also the "now" events are validated against. */
    private final AtomicLong now = new AtomicLong(WALL_CLOCK.toEpochMilli());

    @BeforeEach
    void start() {
        driver = TopologyTestSettings.driver(TopologyTestSettings.settings(now::get, userStore()), "user-activity-test",
                WALL_CLOCK, (topic, route) -> routes.merge(topic + "/" + route, 1, Integer::sum), (alert, latency) -> { });
        clicks = TopologyTestSettings.input(driver, Topics.CLICK_EVENTS);
        purchases = TopologyTestSettings.input(driver, Topics.PURCHASE_EVENTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void theUserStateLivesInTheConfiguredKindOfStore() {
        assertThat(driver.getKeyValueStore(TopologyProducer.USER_STATE_STORE).persistent())
                .isEqualTo(userStore() == StoreKind.ROCKSDB);
    }

    @Test
    void sessionsMergeDuplicatesCountOnceAndFeaturesFollow() {
        click("e-1", ClickEventType.PAGE_VIEW, "10:00:00");
        click("e-2", ClickEventType.ADD_TO_CART, "10:10:00");
        purchase("e-3", "39.98", "10:20:00");
        purchase("e-3", "39.98", "10:20:00");            // duplicate: changes nothing
        click("e-5", ClickEventType.PAGE_VIEW, "10:51:00"); // 31 min after 10:20: a second session
        assertThat(storedSessions()).extracting(s -> s.getSessionStart().toString())
                .containsExactly("2026-11-21T10:00:00Z", "2026-11-21T10:51:00Z");

        click("e-6", ClickEventType.PRODUCT_VIEW, "10:45:00"); // on time (click stream time 10:51 - 10 min = 10:41);
                                                               // 25 min after the first, 6 before the second: merges

        List<SessionSummary> emitted = read(Topics.SESSION_AGGREGATIONS).stream().map(Codecs.SESSION::decode).toList();
        assertThat(emitted).hasSize(5);
        assertThat(emitted.get(2)).isEqualTo(session("10:00:00", "10:20:00", 3, 1, 0, 1, 1, "39.98"));
        assertThat(emitted.get(3)).isEqualTo(session("10:51:00", "10:51:00", 1, 1, 0, 0, 0, "0.00"));
        SessionSummary merged = session("10:00:00", "10:51:00", 5, 2, 1, 1, 1, "39.98");
        assertThat(emitted.get(4)).isEqualTo(merged);
        assertThat(storedSessions()).containsExactly(merged);

        List<UserFeatures> features = read(Topics.USER_FEATURES).stream().map(Codecs.FEATURES::decode).toList();
        assertThat(features).hasSize(5);
        UserFeatures last = features.get(4);
        assertThat(last.getClicks5m()).isEqualTo(1);            // [10:46, 10:51]: e-5
        assertThat(last.getClicks1h()).isEqualTo(4);            // [09:51, 10:51]: e-1, e-2, e-5, e-6
        assertThat(last.getAddToCarts1h()).isEqualTo(1);
        assertThat(last.getPurchases24h()).isEqualTo(1);
        assertThat(last.getSpend24h()).isEqualByComparingTo("39.98");
        assertThat(last.getAvgOrderValue24h()).isEqualByComparingTo("39.98");
        assertThat(last.getDistinctDevices24h()).isEqualTo(2);  // DESKTOP clicks, MOBILE purchase
        assertThat(last.getDistinctCountries1h()).isEqualTo(1);
        assertThat(last.getLastEventTime()).isEqualTo(Instant.parse("2026-11-21T10:51:00Z"));
        assertThat(last.getUpdatedAt()).isEqualTo(WALL_CLOCK);
        assertThat(routes).containsEntry(Topics.PURCHASE_EVENTS + "/duplicate", 1);
    }

    /**
     * A restart on a new release, or a rolling upgrade: the store holds what the format-4 release wrote (the state
     * after the events of the test above, {@link StateFixtures}) and this release carries on from it.
     */
    @Test
    void aUserStateTheFormat4ReleaseWroteIsCarriedOn() {
        driver.<String, byte[]>getKeyValueStore(TopologyProducer.USER_STATE_STORE).put("u-1", StateFixtures.userStateV4());

        purchase("e-3", "39.98", "10:20:00");            // still remembered: a duplicate
        click("e-7", ClickEventType.PAGE_VIEW, "10:53:00");

        assertThat(routes).containsEntry(Topics.PURCHASE_EVENTS + "/duplicate", 1);
        List<SessionSummary> emitted = read(Topics.SESSION_AGGREGATIONS).stream().map(Codecs.SESSION::decode).toList();
        assertThat(emitted).containsExactly(session("10:00:00", "10:53:00", 6, 3, 1, 1, 1, "39.98"));
        List<UserFeatures> features = read(Topics.USER_FEATURES).stream().map(Codecs.FEATURES::decode).toList();
        assertThat(features).hasSize(1);
        UserFeatures last = features.get(0);
        assertThat(last.getClicks5m()).isEqualTo(2);            // [10:48, 10:53]: e-5, e-7
        assertThat(last.getClicks1h()).isEqualTo(5);            // [09:53, 10:53]: e-1, e-2, e-5, e-6, e-7
        assertThat(last.getAddToCarts1h()).isEqualTo(1);
        assertThat(last.getPurchases24h()).isEqualTo(1);
        assertThat(last.getSpend24h()).isEqualByComparingTo("39.98");
        assertThat(last.getDistinctDevices24h()).isEqualTo(2);
        assertThat(last.getDistinctCountries1h()).isEqualTo(1);
        assertThat(last.getLastEventTime()).isEqualTo(at("10:53:00"));
    }

    @Test
    void aDuplicateArrivingLaterButWithinGraceIsStillRecognised() {
        purchase("e-1", "10.00", "10:00:00");
        click("e-2", ClickEventType.PAGE_VIEW, "10:09:00");
        purchase("e-3", "5.00", "10:09:30");
        purchase("e-1", "10.00", "10:00:00");            // 9.5 min behind the purchases' stream time: on time, a duplicate

        List<SessionSummary> emitted = read(Topics.SESSION_AGGREGATIONS).stream().map(Codecs.SESSION::decode).toList();
        assertThat(emitted).hasSize(3);
        assertThat(emitted.get(2).getPurchases()).isEqualTo(2);
        assertThat(emitted.get(2).getRevenue()).isEqualByComparingTo("15.00");
    }

    @Test
    void aSessionNoEventCanReachLeavesTheUserStateAndStaysQueryableUntilItsRetentionEnds() {
        click("e-1", ClickEventType.PAGE_VIEW, "10:00:00");
        purchase("e-2", "20.00", "10:05:00");
        // Both inputs at 10:45: the horizon is 10:35 (minus 10 min grace); an event at 10:35 still reaches 10:05.
        click("e-3", ClickEventType.PAGE_VIEW, "10:45:00");
        purchase("e-4", "1.00", "10:45:00");
        assertThat(closedSessions()).isEmpty();
        // Both at 10:46: horizon 10:36, more than the 30 min gap after 10:05. The first session is final.
        click("e-5", ClickEventType.PAGE_VIEW, "10:46:00");
        purchase("e-6", "1.00", "10:46:00");
        SessionSummary first = session("10:00:00", "10:05:00", 2, 1, 0, 0, 1, "20.00");
        assertThat(closedSessions()).containsExactly(first);
        assertThat(storedSessions()).containsExactly(session("10:45:00", "10:46:00", 4, 2, 0, 0, 2, "2.00"));

        // Eight days later another session closes (the store's time moves only with what it is given); the first is
        // then past the 7-day retention and the store no longer returns it.
        Instant later = at("10:00:00").plus(Duration.ofDays(8));
        advance(Duration.ofDays(8)); // not in the future, by the validation rules
        click("u-2", "e-7", ClickEventType.PAGE_VIEW, later);
        purchase("u-2", "e-8", "1.00", later.plus(Duration.ofMinutes(46)));
        click("u-2", "e-9", ClickEventType.PAGE_VIEW, later.plus(Duration.ofMinutes(46)));
        assertThat(closedSessions("u-2")).hasSize(1);
        assertThat(closedSessions()).doesNotContain(first);
    }

    @Test
    void aUserIdleForLongerThanTheLongestFeatureSpanIsForgottenAndTheirLastSessionKept() {
        click("e-1", ClickEventType.PAGE_VIEW, "10:00:00");
        Instant nextDay = at("10:11:00").plus(Duration.ofDays(1));
        advance(Duration.ofHours(23));
        // Both inputs at 10:11 the next day: horizon 10:01, more than 24 h after u-1's last event.
        click("u-2", "e-2", ClickEventType.PAGE_VIEW, nextDay);
        purchase("u-2", "e-3", "1.00", nextDay);
        KeyValueStore<String, byte[]> users = driver.getKeyValueStore(TopologyProducer.USER_STATE_STORE);
        assertThat(users.get("u-1")).as("not before the scan").isNotNull();

        advance(UserActivityProcessor.IDLE_USER_SCAN_INTERVAL);
        assertThat(users.get("u-1")).isNull();
        assertThat(users.get("u-2")).as("active").isNotNull();
        assertThat(closedSessions()).containsExactly(session("10:00:00", "10:00:00", 1, 1, 0, 0, 0, "0.00"));
    }

    @Test
    void aUserWithinTheLongestFeatureSpanIsKept() {
        click("e-1", ClickEventType.PAGE_VIEW, "10:00:00");
        Instant nextDay = at("10:09:00").plus(Duration.ofDays(1));  // horizon 09:59 the next day: 23:59 h later
        advance(Duration.ofHours(23));
        click("u-2", "e-2", ClickEventType.PAGE_VIEW, nextDay);
        purchase("u-2", "e-3", "1.00", nextDay);
        advance(UserActivityProcessor.IDLE_USER_SCAN_INTERVAL);

        KeyValueStore<String, byte[]> users = driver.getKeyValueStore(TopologyProducer.USER_STATE_STORE);
        assertThat(users.get("u-1")).isNotNull();
    }

    private void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
        now.addAndGet(duration.toMillis());
    }

    /** Sessions still open, in the user's state. */
    private List<SessionSummary> storedSessions() {
        KeyValueStore<String, byte[]> users = driver.getKeyValueStore(TopologyProducer.USER_STATE_STORE);
        return UserStateCodec.decode(users.get("u-1")).sessions().stream().map(s -> s.toSummary("u-1")).toList();
    }

    /** Sessions closed and kept for the retention. */
    private List<SessionSummary> closedSessions() {
        return closedSessions("u-1");
    }

    private List<SessionSummary> closedSessions(String userId) {
        SessionStore<String, byte[]> store = driver.getSessionStore(TopologyProducer.SESSION_STORE);
        List<SessionSummary> sessions = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, byte[]> all = store.fetch(userId)) {
            all.forEachRemaining(entry -> sessions.add(Codecs.SESSION.decode(entry.value)));
        }
        return sessions;
    }

    private List<byte[]> read(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readValuesToList();
    }

    private static SessionSummary session(String start, String end, long events, long pageViews, long productViews,
                                          long addToCarts, long purchases, String revenue) {
        return SessionSummary.newBuilder().setUserId("u-1").setSessionStart(at(start)).setSessionEnd(at(end))
                .setEvents(events).setPageViews(pageViews).setProductViews(productViews).setAddToCarts(addToCarts)
                .setPurchases(purchases).setRevenue(new BigDecimal(revenue)).setConverted(purchases > 0).build();
    }

    private void click(String id, ClickEventType type, String time) {
        click("u-1", id, type, at(time));
    }

    private void click(String user, String id, ClickEventType type, Instant time) {
        clicks.pipeInput(user, Codecs.CLICK.encode(ClickEvent.newBuilder().setEventId(id).setUserId(user)
                .setSessionId("s-1").setEventType(type).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry("US").setEventTime(time).build()), time);
    }

    private void purchase(String id, String amount, String time) {
        purchase("u-1", id, amount, at(time));
    }

    private void purchase(String user, String id, String amount, Instant time) {
        purchases.pipeInput(user, Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId(id).setUserId(user)
                .setSessionId("s-1").setOrderId("o-" + id).setItems(List.of(new PurchaseItem("p-1", 1, new BigDecimal(amount))))
                .setAmount(new BigDecimal(amount)).setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD)
                .setIpAddress("203.0.113.7").setCountry("US").setDeviceType(DeviceType.MOBILE).setEventTime(time)
                .build()), time);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-21T" + time + "Z");
    }
}
