package io.storepulse.processor.model;

import io.storepulse.processor.features.UserFeatureState;
import io.storepulse.processor.rules.FraudState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the processor keeps about one user, read and written once per event: the event ids still inside the
 * de-duplication horizon, the sessions that can still change, the feature state and the fraud rules' state. Its
 * bytes are {@code state.UserStateCodec}'s.
 */
public final class UserState {

    private final Map<String, Long> recentEventIds;
    private final List<Session> sessions;
    private final UserFeatureState features;
    private final FraudState fraud;

    public UserState() {
        this(new LinkedHashMap<>(), new ArrayList<>(), new UserFeatureState(), new FraudState());
    }

    /** A state as the codec reads it back: the recent ids in the order first seen. */
    public UserState(Map<String, Long> recentEventIds, List<Session> sessions, UserFeatureState features,
                     FraudState fraud) {
        this.recentEventIds = recentEventIds;
        this.sessions = sessions;
        this.features = features;
        this.fraud = fraud;
    }

    /** Records the id; false when it was already seen (a duplicate, to be counted once). */
    public boolean firstSighting(String eventId, long eventTime) {
        return recentEventIds.putIfAbsent(eventId, eventTime) == null;
    }

    /** Forgets ids of events older than {@code horizon}: a duplicate of those would be late anyway. */
    public void forgetEventIdsBefore(long horizon) {
        Iterator<Long> times = recentEventIds.values().iterator();
        while (times.hasNext()) {
            if (times.next() < horizon) {
                times.remove();
            }
        }
    }

    public List<Session> sessions() {
        return sessions;
    }

    public UserFeatureState features() {
        return features;
    }

    public FraudState fraud() {
        return fraud;
    }

    public int recentEventIdCount() {
        return recentEventIds.size();
    }

    /** Each recent event id with its event time, in the order first seen. */
    public Map<String, Long> recentEventIds() {
        return Collections.unmodifiableMap(recentEventIds);
    }
}
