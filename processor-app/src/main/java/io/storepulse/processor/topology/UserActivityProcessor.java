package io.storepulse.processor.topology;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.validation.Money;
import io.storepulse.model.validation.ValidatedEvent;
import io.storepulse.processor.features.FeatureWindows;
import io.storepulse.processor.rules.Detection;
import io.storepulse.processor.rules.FraudAlerts;
import io.storepulse.processor.rules.FraudDetector;
import io.storepulse.processor.rules.Trigger;
import io.storepulse.processor.model.Session;
import io.storepulse.processor.model.UserState;
import io.storepulse.processor.state.UserStateCodec;
import io.storepulse.processor.revenue.RevenueContribution;
import io.storepulse.processor.sessions.SessionTracker;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything per user, on clicks and purchases that passed the input gate: de-duplication by event_id, event-time
 * sessions, online features and the fraud rules. Reads and writes the user's state once per event. Alerts are
 * written as the triggering event is processed, stamped with the processor's clock; every other output carries
 * the event time. The incoming record's timestamp is when the event was written (the inputs use the broker's
 * append time), which gives the detection latency.
 *
 * <p>Sessions an event can still reach live in the user's state; a session leaves it, final, once the older of the
 * task's two input partitions' stream times minus the grace and the gap has passed its end (no accepted event can
 * reach it), and is then written once to the session store, which keeps it for the retention. Queries read both.
 * Event ids are forgotten at the same horizon: a duplicate of an older event would be late anyway.
 *
 * <p>A user whose newest event is further behind the horizon than the longest feature span and the gap can gain
 * nothing from the state any more; a periodic scan hands such a user's last sessions to the session store and
 * deletes the record, so the store holds active users, not everyone ever seen.
 */
final class UserActivityProcessor implements Processor<String, Object, String, Object> {

    private static final Logger LOG = Logger.getLogger(UserActivityProcessor.class);
    /** How often idle users are looked for, on the wall clock. */
    static final Duration IDLE_USER_SCAN_INTERVAL = Duration.ofMinutes(10);

    private final Names names;
    private final SessionTracker tracker;
    private final long graceMillis;
    private final FeatureWindows windows;
    private final FraudDetector detector;
    private final InputGate.RouteCounter counter;
    private final ActivityObserver observer;
    private final long idleAfterMillis;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> users;
    private SessionStore<String, byte[]> closedSessions;
    /**
     * The stream times of the task's click and purchase partitions as far as this processor knows them: the newest
     * event time of the events the gates passed on since it started. After a restart they begin unknown and then
     * trail the partitions' true stream times until each input delivers its newest event again; a horizon taken from
     * them is never later than the true one, so nothing is forgotten early.
     */
    private Long clickStreamTime;
    private Long purchaseStreamTime;

    /** Store and sink names this processor uses. */
    record Names(String userStore, String sessionStore, String sessionSink, String featureSink,
                 String revenueSink, String alertSink) {
    }

    /** Told of every alert, with the wall-clock time from the triggering record's write to the alert. */
    interface ActivityObserver {
        void alerted(FraudAlert alert, long latencyMillis);

        /** An accepted purchase seen for the first time. */
        default void purchased(long cents) {
        }

        /** A session that no accepted event can reach any more. */
        default void sessionFinal(boolean converted) {
        }
    }

    UserActivityProcessor(Names names, TopologyProducer.Settings settings, InputGate.RouteCounter counter,
                          ActivityObserver observer) {
        this.names = names;
        this.tracker = new SessionTracker(settings.sessionGap().toMillis());
        this.graceMillis = settings.grace().toMillis();
        this.windows = settings.featureWindows();
        this.detector = new FraudDetector(settings.fraud());
        this.counter = counter;
        this.observer = observer;
        this.idleAfterMillis = Math.max(windows.day().toMillis(), Math.max(windows.hour().toMillis(),
                Math.max(windows.shortSpan().toMillis(), settings.sessionGap().toMillis())));
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.users = context.getStateStore(names.userStore());
        this.closedSessions = context.getStateStore(names.sessionStore());
        this.clickStreamTime = null;
        this.purchaseStreamTime = null;
        context.schedule(IDLE_USER_SCAN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> forgetIdleUsers());
    }

    @Override
    public void process(Record<String, Object> record) {
        ValidatedEvent event = (ValidatedEvent) record.value();
        String userId = event.key();
        byte[] stored = users.get(userId);
        UserState state = stored == null ? new UserState() : UserStateCodec.decode(stored);
        long time = event.eventTimeMillis();
        if (event.record() instanceof PurchaseEvent) {
            purchaseStreamTime = purchaseStreamTime == null ? time : Math.max(purchaseStreamTime, time);
        } else {
            clickStreamTime = clickStreamTime == null ? time : Math.max(clickStreamTime, time);
        }
        if (!state.firstSighting(event.eventId(), time)) {
            counter.count(event.kind().topic(), InputGate.RouteCounter.DUPLICATE);
            return;
        }
        SessionTracker.Update update;
        Trigger trigger;
        if (event.record() instanceof PurchaseEvent purchase) {
            long cents = Money.toCents(purchase.getAmount());
            observer.purchased(cents);
            update = tracker.add(state.sessions(), time, Session.Activity.PURCHASE, cents);
            state.features().addPurchase(time, cents, purchase.getDeviceType().name(), purchase.getCountry(), windows);
            trigger = Trigger.purchase(event.eventId(), time, purchase.getCountry(), cents, purchase.getCardFingerprint());
            RevenueContribution.of(purchase).forEach((product, contribution) -> context.forward(
                    new Record<String, Object>(product, contribution.toBytes(), time), names.revenueSink()));
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
            trigger = Trigger.click(event.eventId(), time, click.getCountry());
        }
        List<Detection> detections = detector.process(state.fraud(), trigger);
        long horizon = horizon();
        state.forgetEventIdsBefore(horizon);
        state.fraud().forgetBefore(horizon, detector.thresholds());
        close(userId, tracker.closeBefore(state.sessions(), horizon));
        users.put(userId, UserStateCodec.encode(state));

        long now = context.currentSystemTimeMs();
        for (Detection detection : detections) {
            FraudAlert alert = FraudAlerts.toAlert(userId, detection, trigger, now);
            context.forward(new Record<String, Object>(userId, alert, now, writtenAt(record)), names.alertSink());
            observer.alerted(alert, now - record.timestamp());
            logAlert(alert, event.eventId());
        }
        context.forward(new Record<String, Object>(userId, summaryOf(userId, update.current()), time),
                names.sessionSink());
        context.forward(new Record<String, Object>(userId, featuresOf(userId, state, now), time, writtenAt(record)),
                names.featureSink());
    }

    /**
     * The session's record, encoded here from its fields. One the schema cannot hold (a revenue of more digits than
     * its precision) goes on as a record: the sink's Avro encoder refuses it and the production error handler counts
     * it, as for any record its topic cannot take.
     */
    private static Object summaryOf(String userId, Session session) {
        try {
            return session.summaryBytes(userId);
        } catch (CodecException tooLarge) {
            return session.toSummary(userId);
        }
    }

    /** The user's features, encoded here; as {@link #summaryOf} for amounts the schema cannot hold. */
    private Object featuresOf(String userId, UserState state, long now) {
        try {
            return state.features().featureBytes(userId, now, windows);
        } catch (CodecException tooLarge) {
            return state.features().features(userId, now, windows);
        }
    }

    /** One line per alert, with {@code alert_id} and the triggering {@code event_id} in the log context. */
    private static void logAlert(FraudAlert alert, String eventId) {
        MDC.put("alert_id", alert.getAlertId());
        MDC.put("event_id", eventId);
        try {
            LOG.infof("fraud alert %s %s for user %s, risk %.2f", alert.getRule(), alert.getSeverity(),
                    alert.getUserId(), alert.getRiskScore());
        } finally {
            MDC.remove("alert_id");
            MDC.remove("event_id");
        }
    }

    /** When the input event was written, for the end-to-end latency measured downstream; one header set per output. */
    private static Headers writtenAt(Record<String, Object> input) {
        return new RecordHeaders().add(Topics.Headers.SOURCE_WRITTEN_AT,
                Long.toString(input.timestamp()).getBytes(StandardCharsets.US_ASCII));
    }

    private void close(String userId, List<Session> sessions) {
        for (Session closed : sessions) {
            observer.sessionFinal(closed.purchases() > 0);
            closedSessions.put(new Windowed<>(userId, new SessionSpan(closed.start(), closed.end())),
                    closed.summaryBytes(userId));
        }
    }

    private void forgetIdleUsers() {
        long horizon = horizon();
        if (horizon == Long.MIN_VALUE) {
            return;
        }
        List<KeyValue<String, byte[]>> idle = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = users.all()) {
            all.forEachRemaining(user -> {
                if (UserStateCodec.lastEventTime(user.value) < horizon - idleAfterMillis) {
                    idle.add(user);
                }
            });
        }
        for (KeyValue<String, byte[]> user : idle) {
            close(user.key, UserStateCodec.decode(user.value).sessions());
            users.delete(user.key);
        }
    }

    /** The oldest event time either input can still deliver; before both have delivered, any. */
    private long horizon() {
        return clickStreamTime == null || purchaseStreamTime == null ? Long.MIN_VALUE
                : Math.min(clickStreamTime, purchaseStreamTime) - graceMillis;
    }
}
