package io.storepulse.processor.topology;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.SessionSummary;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.model.validation.Money;
import io.storepulse.model.validation.ValidatedEvent;
import io.storepulse.processor.features.FeatureWindows;
import io.storepulse.processor.model.Session;
import io.storepulse.processor.model.UserState;
import io.storepulse.processor.revenue.RevenueContribution;
import io.storepulse.processor.sessions.SessionTracker;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything per user, on clicks and purchases that passed the input gate: de-duplication by event_id, event-time
 * sessions and online features. Reads and writes the user's state once per event.
 *
 * <p>State is forgotten relative to the older of the task's two input partitions' stream times minus the grace:
 * an event of either input can still arrive that far back, and nothing older.
 */
final class UserActivityProcessor implements Processor<String, Object, String, Object> {

    private final Names names;
    private final SessionTracker tracker;
    private final long graceMillis;
    private final FeatureWindows windows;
    private final InputGate.RouteCounter counter;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> users;
    private KeyValueStore<Bytes, byte[]> sessionStore;
    private KeyValueStore<String, Long> streamTimes;

    /** Store and sink names this processor uses. */
    record Names(String userStore, String sessionStore, String streamTimeStore, String sessionSink, String featureSink,
                 String revenueSink) {
    }

    UserActivityProcessor(Names names, Duration sessionGap, Duration grace, FeatureWindows windows,
                          InputGate.RouteCounter counter) {
        this.names = names;
        this.tracker = new SessionTracker(sessionGap.toMillis());
        this.graceMillis = grace.toMillis();
        this.windows = windows;
        this.counter = counter;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.users = context.getStateStore(names.userStore());
        this.sessionStore = context.getStateStore(names.sessionStore());
        this.streamTimes = context.getStateStore(names.streamTimeStore());
    }

    @Override
    public void process(Record<String, Object> record) {
        ValidatedEvent event = (ValidatedEvent) record.value();
        String userId = event.key();
        byte[] stored = users.get(userId);
        UserState state = stored == null ? new UserState() : UserState.fromBytes(stored);
        long time = event.eventTimeMillis();
        if (!state.firstSighting(event.eventId(), time)) {
            counter.count(event.kind().topic(), "duplicate");
            return;
        }
        SessionTracker.Update update;
        if (event.record() instanceof PurchaseEvent purchase) {
            long cents = purchase.getAmount().movePointRight(Money.SCALE).longValueExact();
            update = tracker.add(state.sessions(), time, Session.Activity.PURCHASE, cents);
            state.features().addPurchase(time, cents, purchase.getDeviceType().name(), purchase.getCountry(), windows);
            RevenueContribution.of(purchase).forEach((product, contribution) -> context.forward(
                    new Record<String, Object>(product, contribution.toBytes(), record.timestamp()), names.revenueSink()));
        } else {
            ClickEvent click = (ClickEvent) event.record();
            Session.Activity activity = switch (click.getEventType()) {
                case PAGE_VIEW -> Session.Activity.PAGE_VIEW;
                case PRODUCT_VIEW -> Session.Activity.PRODUCT_VIEW;
                case ADD_TO_CART -> Session.Activity.ADD_TO_CART;
                default -> Session.Activity.OTHER_CLICK;
            };
            update = tracker.add(state.sessions(), time, activity, 0);
            state.features().addClick(time, activity == Session.Activity.ADD_TO_CART, click.getDeviceType().name(),
                    click.getCountry(), windows);
        }
        long horizon = oldestInputStreamTime() - graceMillis;
        state.forgetEventIdsBefore(horizon);
        tracker.forgetBefore(state.sessions(), horizon);
        users.put(userId, state.toBytes());

        for (Session absorbed : update.absorbed()) {
            sessionStore.delete(StoreKeys.of(userId, absorbed.start()));
        }
        SessionSummary summary = summary(userId, update.current());
        sessionStore.put(StoreKeys.of(userId, update.current().start()), Codecs.SESSION.encode(summary));
        context.forward(new Record<String, Object>(userId, summary, record.timestamp()), names.sessionSink());
        context.forward(new Record<String, Object>(userId,
                state.features().features(userId, context.currentSystemTimeMs(), windows), record.timestamp()),
                names.featureSink());
    }

    private long oldestInputStreamTime() {
        int partition = context.taskId().partition();
        Long clicks = streamTimes.get(Topics.CLICK_EVENTS + "-" + partition);
        Long purchases = streamTimes.get(Topics.PURCHASE_EVENTS + "-" + partition);
        if (clicks == null || purchases == null) {
            return clicks == null ? (purchases == null ? Long.MIN_VALUE + graceMillis : purchases) : clicks;
        }
        return Math.min(clicks, purchases);
    }

    static SessionSummary summary(String userId, Session session) {
        return SessionSummary.newBuilder()
                .setUserId(userId)
                .setSessionStart(Instant.ofEpochMilli(session.start()))
                .setSessionEnd(Instant.ofEpochMilli(session.end()))
                .setEvents(session.events())
                .setPageViews(session.pageViews())
                .setProductViews(session.productViews())
                .setAddToCarts(session.addToCarts())
                .setPurchases(session.purchases())
                .setRevenue(Money.ofCents(session.revenueCents()))
                .setConverted(session.purchases() > 0)
                .build();
    }

}
