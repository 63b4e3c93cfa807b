package io.storepulse.processor.query;

import io.storepulse.processor.model.Session;
import io.storepulse.processor.revenue.RevenueContribution;
import io.storepulse.service.json.InventoryView;
import io.storepulse.service.json.RevenueView;
import io.storepulse.service.json.SessionView;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** What the per-store query classes make of what they read, with hand-computed answers; no store, no broker. */
class QueryLogicTest {

    private static final long T = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    @Test
    void everyPartitionMustHaveAnActiveOwnerFromZeroUp() {
        assertThat(StoreLocator.coversEveryPartition(new TreeSet<>(List.of(0, 1, 2)))).isTrue();
        assertThat(StoreLocator.coversEveryPartition(new TreeSet<>(List.of(0, 2)))).as("partition 1 unowned").isFalse();
        assertThat(StoreLocator.coversEveryPartition(new TreeSet<>(List.of(1, 2)))).as("partition 0 unowned").isFalse();
        assertThat(StoreLocator.coversEveryPartition(new TreeSet<>())).isFalse();
    }

    @Test
    void sessionsAreMergedNewestFirstOverlappingTheRangeAndAClosingOneIsListedOnce() {
        Session first = new Session(T, T + 5 * MINUTE, 3, 1, 1, 1, 0, 0);
        Session second = new Session(T + 60 * MINUTE, T + 70 * MINUTE, 2, 2, 0, 0, 0, 0);
        Session open = new Session(T + 120 * MINUTE, T + 121 * MINUTE, 2, 0, 0, 0, 1, 1999);
        // The second session is closing: in the store already, and still in the user's state with one more event.
        Session secondStillOpen = new Session(T + 60 * MINUTE, T + 71 * MINUTE, 3, 3, 0, 0, 0, 0);

        List<SessionView> all = SessionQueries.overlapping("u-1",
                List.of(first.toSummary("u-1"), second.toSummary("u-1")), List.of(secondStillOpen, open), null, null);

        assertThat(all).extracting(SessionView::sessionStart).containsExactly("2026-11-21T12:00:00.000Z",
                "2026-11-21T11:00:00.000Z", "2026-11-21T10:00:00.000Z");
        assertThat(all.get(0).revenue()).isEqualByComparingTo(new BigDecimal("19.99"));
        assertThat(all.get(0).converted()).isTrue();
        assertThat(all.get(1).events()).as("the open view of the closing session").isEqualTo(3);

        // [10:05, 11:00): the first ends at 10:05 (overlaps: its end is not before from); the second starts at to.
        List<SessionView> ranged = SessionQueries.overlapping("u-1",
                List.of(first.toSummary("u-1"), second.toSummary("u-1")), List.of(open),
                Instant.ofEpochMilli(T + 5 * MINUTE), Instant.ofEpochMilli(T + 60 * MINUTE));
        assertThat(ranged).extracting(SessionView::sessionStart).containsExactly("2026-11-21T10:00:00.000Z");
    }

    @Test
    void theHoursOverlappingARangeStartWithinAnHourBeforeFromAndBeforeTo() {
        RevenueQueries.HourStarts starts = RevenueQueries.HourStarts.overlapping(Instant.parse("2026-11-21T10:30:00Z"),
                Instant.parse("2026-11-21T12:00:00Z"));
        // The hour starting at 09:30:00.001 would end after 10:30; the one at 09:30 exactly ends at it, not overlapping.
        assertThat(starts.first()).isEqualTo(Instant.parse("2026-11-21T09:30:00.001Z"));
        assertThat(starts.last()).isEqualTo(Instant.parse("2026-11-21T11:59:59.999Z"));
        assertThat(RevenueQueries.HourStarts.overlapping(Instant.parse("2026-11-21T10:00:00Z"),
                Instant.parse("2026-11-21T09:00:00Z"))).as("to before from").isNull();
        assertThat(RevenueQueries.HourStarts.overlapping(null, null).first()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void topRevenueIsHighestFirstTiesByProductIdAndLimited() {
        List<KeyValue<String, RevenueContribution>> hour = List.of(
                KeyValue.pair("p-b", new RevenueContribution(T, 5000, 2, 1)),
                KeyValue.pair("p-a", new RevenueContribution(T, 5000, 1, 1)),
                KeyValue.pair("p-c", new RevenueContribution(T, 9999, 3, 3)),
                KeyValue.pair("p-d", new RevenueContribution(T, 100, 1, 1)));

        List<RevenueView> top = RevenueQueries.top(hour, 3);

        assertThat(top).extracting(RevenueView::productId).containsExactly("p-c", "p-a", "p-b");
        assertThat(top.get(0).revenue()).isEqualByComparingTo(new BigDecimal("99.99"));
        assertThat(top.get(0).avgOrderValue()).isEqualByComparingTo(new BigDecimal("33.33"));
    }

    @Test
    void lowStockIsLowestQuantityFirstTiesByProductIdAndLimited() {
        List<InventoryView> low = List.of(view("p-b", 3), view("p-a", 3), view("p-c", 0), view("p-d", 9));

        assertThat(InventoryQueries.lowest(low, 3)).extracting(InventoryView::productId)
                .containsExactly("p-c", "p-a", "p-b");
    }

    private static InventoryView view(String product, long quantity) {
        return new InventoryView(product, quantity, true, "2026-11-21T10:00:00.000Z", 0, quantity);
    }
}
