package io.storepulse.serving.query;

import io.storepulse.service.json.InventoryView;
import io.storepulse.service.json.LocalLowStock;
import io.storepulse.service.json.LocalTopRevenue;
import io.storepulse.service.json.RevenueView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProductRankingsTest {

    private static RevenueView revenue(String product, String amount) {
        BigDecimal value = new BigDecimal(amount);
        return new RevenueView(product, "2026-11-21T10:00:00.000Z", "2026-11-21T11:00:00.000Z", value, 1, 1, value);
    }

    private static LocalTopRevenue top(RevenueView... products) {
        return new LocalTopRevenue("x", 2, List.of(), "2026-11-21T10:00:00.000Z", "2026-11-21T11:00:00.000Z",
                List.of(products));
    }

    private static InventoryView stock(String product, long quantity) {
        return new InventoryView(product, quantity, true, "2026-11-21T10:00:00.000Z", 0, quantity);
    }

    @Test
    void theMergedTopIsByRevenueThenProductIdAndCutAtTheLimit() {
        List<RevenueView> merged = ProductRankings.topRevenue(List.of(
                top(revenue("p-9", "99.50"), revenue("p-2", "10.00")),
                top(revenue("p-1", "99.50"), revenue("p-3", "100.00"), revenue("p-4", "9.99"))), 4);
        assertThat(merged).extracting(RevenueView::productId).containsExactly("p-3", "p-1", "p-9", "p-2");
    }

    @Test
    void revenueIsComparedAsMoneyNotAsText() {
        assertThat(ProductRankings.topRevenue(List.of(top(revenue("p-a", "9.00")), top(revenue("p-b", "10.00"))), 1))
                .extracting(RevenueView::productId).containsExactly("p-b");
    }

    @Test
    void theMergedLowStockIsLowestFirstThenByProductId() {
        List<InventoryView> merged = ProductRankings.lowestStock(List.of(
                new LocalLowStock("a", 2, List.of(0), 10, 2, List.of(stock("p-5", 0), stock("p-7", 9))),
                new LocalLowStock("b", 2, List.of(1), 10, 2, List.of(stock("p-1", 0), stock("p-2", 3)))), 3);
        assertThat(merged).extracting(InventoryView::productId).containsExactly("p-1", "p-5", "p-2");
    }
}
