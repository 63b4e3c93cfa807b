package io.storepulse.processor.query;

import io.storepulse.avro.SessionSummary;
import io.storepulse.model.codec.Codecs;
import io.storepulse.processor.model.Session;
import io.storepulse.processor.state.UserStateCodec;
import io.storepulse.processor.topology.TopologyProducer;
import io.storepulse.service.json.SessionView;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlySessionStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A user's sessions: the closed ones from the session store, the open ones from the user's state. */
@ApplicationScoped
public class SessionQueries {

    private final StoreLocator locator;

    public SessionQueries(StoreLocator locator) {
        this.locator = locator;
    }

    /**
     * Sessions overlapping [from, to), newest first; either bound may be null; an empty list when the user has
     * none retained (CONTRACT section 9).
     */
    public QueryResult<List<SessionView>> sessions(String userId, Instant from, Instant to) {
        return locator.forKey(TopologyProducer.USER_STATE_STORE, userId, partition -> {
            List<SessionSummary> closed = new ArrayList<>();
            ReadOnlySessionStore<String, byte[]> sessions = locator.store(TopologyProducer.SESSION_STORE, partition,
                    QueryableStoreTypes.sessionStore());
            try (KeyValueIterator<Windowed<String>, byte[]> entries = sessions.fetch(userId)) {
                entries.forEachRemaining(entry -> closed.add(Codecs.SESSION.decode(entry.value)));
            }
            ReadOnlyKeyValueStore<String, byte[]> users = locator.store(TopologyProducer.USER_STATE_STORE, partition,
                    QueryableStoreTypes.keyValueStore());
            byte[] state = users.get(userId);
            List<Session> open = state == null ? List.of() : UserStateCodec.decode(state).sessions();
            return new QueryResult.Found<>(overlapping(userId, closed, open, from, to));
        });
    }

    /**
     * Closed and open sessions overlapping [from, to), newest start first. A session closing in this instant is in
     * both lists: it is listed once, as the open one (read second, so the newer view).
     */
    static List<SessionView> overlapping(String userId, Collection<SessionSummary> closed, Collection<Session> open,
                                         Instant from, Instant to) {
        Map<Long, SessionSummary> byStart = new TreeMap<>(Comparator.reverseOrder());
        closed.forEach(session -> byStart.put(session.getSessionStart().toEpochMilli(), session));
        open.forEach(session -> byStart.put(session.start(), session.toSummary(userId)));
        return byStart.values().stream()
                .filter(session -> (from == null || !session.getSessionEnd().isBefore(from))
                        && (to == null || session.getSessionStart().isBefore(to)))
                .map(SessionView::of)
                .toList();
    }
}
