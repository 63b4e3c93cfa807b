package io.storepulse.processor.state;

import io.storepulse.avro.FraudRule;
import io.storepulse.processor.rules.FraudState;
import io.storepulse.processor.rules.FraudState.AlertMark;
import io.storepulse.processor.rules.FraudState.ClickWindow;
import io.storepulse.processor.rules.FraudState.Paid;
import io.storepulse.processor.rules.FraudState.Presence;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The fraud rules' part of a user's state: click windows, purchases, presences, alerts raised, running totals. */
final class FraudStateCodec {

    private static final FraudRule[] RULES = FraudRule.values();

    private FraudStateCodec() {
    }

    static void write(StateWriter out, FraudState fraud) {
        out.count(fraud.clickWindows().size());
        for (ClickWindow window : fraud.clickWindows()) {
            out.time(window.start());
            out.count(window.count());
            out.time(window.first());
            out.time(window.last());
            out.count(window.ids().size());
            window.ids().forEach(out::id);
        }
        out.count(fraud.purchases().size());
        for (Paid purchase : fraud.purchases()) {
            out.time(purchase.time());
            out.signed(purchase.cents());
            out.flag(purchase.card() != null);
            if (purchase.card() != null) {
                out.text(purchase.card());
            }
            out.id(purchase.eventId());
        }
        out.count(fraud.presences().size());
        for (Presence p : fraud.presences()) {
            out.text(p.country());
            out.time(p.bucket());
            out.time(p.first());
            out.id(p.firstId());
            out.time(p.last());
            out.id(p.lastId());
        }
        out.count(fraud.alerts().size());
        for (AlertMark mark : fraud.alerts()) {
            out.count(mark.rule().ordinal());
            out.time(mark.windowEnd());
        }
        out.count(fraud.purchaseCount());
        out.signed(fraud.purchaseSumCents());
    }

    static FraudState read(StateReader in) {
        int windows = in.count();
        TreeMap<Long, ClickWindow> clickWindows = new TreeMap<>();
        for (int i = 0; i < windows; i++) {
            long start = in.time();
            int count = in.count();
            long first = in.time();
            long last = in.time();
            int idCount = in.count();
            List<String> ids = new ArrayList<>(idCount);
            for (int j = 0; j < idCount; j++) {
                ids.add(in.id());
            }
            clickWindows.put(start, new ClickWindow(start, count, first, last, ids));
        }
        int paid = in.count();
        List<Paid> purchases = new ArrayList<>(paid);
        for (int i = 0; i < paid; i++) {
            long time = in.time();
            long cents = in.signed();
            String card = in.flag() ? in.text() : null;
            purchases.add(new Paid(time, cents, card, in.id()));
        }
        int seen = in.count();
        List<Presence> presences = new ArrayList<>(seen);
        for (int i = 0; i < seen; i++) {
            presences.add(new Presence(in.text(), in.time(), in.time(), in.id(), in.time(), in.id()));
        }
        int marks = in.count();
        List<AlertMark> alerts = new ArrayList<>(marks);
        for (int i = 0; i < marks; i++) {
            alerts.add(new AlertMark(RULES[in.count()], in.time()));
        }
        return new FraudState(clickWindows, purchases, presences, alerts, in.longCount(), in.signed());
    }
}
