package io.storepulse.traffic;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Legit traffic looks like shoppers: funnels, session gaps, one home per user, and the legit caps. */
class ShoppingSessionsTest {

    private static final int RECORDS = 300_000;
    private static final long THIRTY_MINUTES = 30 * 60_000L;

    /** A legit click or purchase by its event time; late arrivals included, duplicates and fraud left out. */
    private record Step(long time, SpecificRecord event) {
    }

    static Stream<TrafficConfig> configs() {
        return Stream.of(
                TrafficConfig.defaults().withSeed(11),
                // So few users for the rate that users come back after their rest and new ones sign up.
                TrafficConfig.defaults().withSeed(12).withUsers(3_000).withRate(20),
                // A rate at which hundreds of thousands of sessions are in progress at once.
                TrafficConfig.defaults().withSeed(13).withUsers(1_000).withRate(50_000));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void legitTrafficBehavesLikeShoppers(TrafficConfig config) {
        TrafficGenerator generator = new TrafficGenerator(config);
        Map<String, List<Step>> byUser = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            GeneratedRecord record = generator.next();
            boolean legit = record.origin() == Origin.NORMAL || record.origin() == Origin.LATE
                    || record.origin() == Origin.LATE_BEYOND_GRACE;
            if (legit && !record.topic().equals(Topics.INVENTORY_EVENTS)) {
                byUser.computeIfAbsent(record.key(), u -> new ArrayList<>()).add(new Step(record.timestamp(), record.event()));
            }
        }
        byUser.values().forEach(steps -> steps.sort(Comparator.comparingLong(Step::time)));
        // Events held back beyond the grace period may not have arrived yet for the sessions of the last minutes.
        long complete = generator.virtualTimeMillis() - config.grace().toMillis() - 6 * 60_000;

        assertThat(byUser.keySet()).allSatisfy(user -> assertThat(user).matches("u-[1-9][0-9]*"));
        byUser.forEach(ShoppingSessionsTest::assertOneHome);
        byUser.forEach(ShoppingSessionsTest::assertLegitCaps);
        byUser.forEach(ShoppingSessionsTest::assertSessionsApart);
        byUser.values().forEach(steps -> sessions(steps).values().stream()
                .filter(session -> session.get(session.size() - 1).time() < complete)
                .forEach(ShoppingSessionsTest::assertFunnel));
        boolean sessionsHadTimeToFinish = generator.virtualTimeMillis() - config.start().toEpochMilli() > THIRTY_MINUTES;
        if (sessionsHadTimeToFinish) {
            assertVariety(byUser);
        }
        if (config.users() < 10_000) {
            assertThat(generator.legitUsers()).isGreaterThan(config.users());
        }
    }

    private static void assertOneHome(String user, List<Step> steps) {
        assertThat(steps.stream().map(s -> country(s.event())).distinct()).as(user).hasSize(1);
        assertThat(steps.stream().map(s -> ip(s.event())).distinct()).as(user).hasSize(1);
    }

    private static void assertLegitCaps(String user, List<Step> steps) {
        List<Long> clicks = steps.stream().filter(s -> s.event() instanceof ClickEvent).map(Step::time).toList();
        for (long first : clicks) {
            assertThat(clicks.stream().filter(t -> t >= first && t <= first + 60_000).count()).as(user)
                    .isLessThanOrEqualTo(30);
        }
        List<PurchaseEvent> purchases = steps.stream().filter(s -> s.event() instanceof PurchaseEvent)
                .map(s -> (PurchaseEvent) s.event()).toList();
        for (PurchaseEvent first : purchases) {
            long start = first.getEventTime().toEpochMilli();
            assertThat(purchases.stream().map(p -> p.getEventTime().toEpochMilli())
                    .filter(t -> t >= start && t <= start + 10 * 60_000).count()).as(user).isLessThanOrEqualTo(3);
            assertThat(first.getAmount()).as(user).isBetween(new BigDecimal("5.00"), new BigDecimal("999.99"));
        }
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).time() - steps.get(i - 1).time()).as(user).isGreaterThanOrEqualTo(2_500);
        }
    }

    private static void assertSessionsApart(String user, List<Step> steps) {
        List<List<Step>> sessions = new ArrayList<>(sessions(steps).values());
        for (int i = 1; i < sessions.size(); i++) {
            List<Step> previous = sessions.get(i - 1);
            long gap = sessions.get(i).get(0).time() - previous.get(previous.size() - 1).time();
            assertThat(gap).as(user + " between sessions").isGreaterThan(THIRTY_MINUTES);
        }
    }

    /** Home page first, one device, at most one purchase, and only of what went into the cart after a checkout. */
    private static void assertFunnel(List<Step> session) {
        ClickEvent landing = (ClickEvent) session.get(0).event();
        boolean cutOff = !landing.getPageUrl().equals("/");
        if (cutOff) {
            return;
        }
        assertThat(landing.getEventType()).isEqualTo(ClickEventType.PAGE_VIEW);
        assertThat(session.stream().map(s -> device(s.event())).distinct()).hasSize(1);
        Set<String> carted = new HashSet<>();
        boolean checkedOut = false;
        int purchases = 0;
        for (Step step : session) {
            if (step.event() instanceof ClickEvent click) {
                if (click.getEventType() == ClickEventType.ADD_TO_CART) {
                    carted.add(click.getProductId());
                }
                checkedOut |= click.getEventType() == ClickEventType.CHECKOUT_START;
            } else if (step.event() instanceof PurchaseEvent purchase) {
                purchases++;
                assertThat(checkedOut).as(purchase.getSessionId()).isTrue();
                assertThat(purchase.getItems()).extracting(PurchaseItem::getProductId).isSubsetOf(carted);
            }
        }
        assertThat(purchases).isLessThanOrEqualTo(1);
    }

    private static void assertVariety(Map<String, List<Step>> byUser) {
        Set<DeviceType> devices = EnumSet.noneOf(DeviceType.class);
        Set<ClickEventType> clickTypes = EnumSet.noneOf(ClickEventType.class);
        Set<String> countries = new HashSet<>();
        byUser.values().forEach(steps -> steps.forEach(s -> {
            devices.add(device(s.event()));
            countries.add(country(s.event()));
            if (s.event() instanceof ClickEvent click) {
                clickTypes.add(click.getEventType());
            }
        }));
        assertThat(devices).containsExactlyInAnyOrder(DeviceType.values());
        assertThat(clickTypes).containsExactlyInAnyOrder(ClickEventType.values());
        assertThat(countries).hasSizeGreaterThan(5);
    }

    /** Steps grouped by session id, in order of their first step. */
    private static Map<String, List<Step>> sessions(List<Step> steps) {
        Map<String, List<Step>> sessions = new LinkedHashMap<>();
        for (Step step : steps) {
            String sessionId = step.event() instanceof ClickEvent click
                    ? click.getSessionId() : ((PurchaseEvent) step.event()).getSessionId();
            sessions.computeIfAbsent(sessionId, s -> new ArrayList<>()).add(step);
        }
        return sessions;
    }

    private static String country(SpecificRecord event) {
        return event instanceof ClickEvent click ? click.getCountry() : ((PurchaseEvent) event).getCountry();
    }

    private static String ip(SpecificRecord event) {
        return event instanceof ClickEvent click ? click.getIpAddress() : ((PurchaseEvent) event).getIpAddress();
    }

    private static DeviceType device(SpecificRecord event) {
        return event instanceof ClickEvent click ? click.getDeviceType() : ((PurchaseEvent) event).getDeviceType();
    }
}
