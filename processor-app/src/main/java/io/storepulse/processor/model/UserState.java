package io.storepulse.processor.model;

import io.storepulse.processor.features.UserFeatureState;
import io.storepulse.processor.rules.FraudState;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the processor keeps about one user, read and written once per event: the event ids still inside the
 * de-duplication horizon, the sessions that can still change, the feature state and the fraud rules' state.
 */
public final class UserState {

    /** 4: the compact encoding of {@link StateWriter}; 3 and before used fixed-width fields. */
    private static final byte VERSION = 4;

    private final Map<String, Long> recentEventIds;
    private final List<Session> sessions;
    private final UserFeatureState features;
    private final FraudState fraud;

    public UserState() {
        this(new LinkedHashMap<>(), new ArrayList<>(), new UserFeatureState(), new FraudState());
    }

    private UserState(Map<String, Long> recentEventIds, List<Session> sessions, UserFeatureState features,
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

    /** The state in {@link StateWriter}'s compact form, the user's newest event time first. */
    public byte[] toBytes() {
        StateWriter out = new StateWriter(VERSION, features.lastEventTime());
        out.count(recentEventIds.size());
        for (Map.Entry<String, Long> id : recentEventIds.entrySet()) {
            out.id(id.getKey());
            out.time(id.getValue());
        }
        out.count(sessions.size());
        for (Session s : sessions) {
            out.time(s.start());
            out.time(s.end());
            out.count(s.events());
            out.count(s.pageViews());
            out.count(s.productViews());
            out.count(s.addToCarts());
            out.count(s.purchases());
            out.signed(s.revenueCents());
        }
        features.write(out);
        fraud.write(out);
        return out.toByteArray();
    }

    /** The user's newest event time, read from the encoded state without decoding the rest. */
    public static long lastEventTime(byte[] bytes) {
        return StateReader.fixedTime(bytes);
    }

    public static UserState fromBytes(byte[] bytes) {
        byte version = StateReader.version(bytes);
        if (version != VERSION) {
            throw new IllegalStateException("unknown user state version " + version
                    + ": the state was written by another release; reset the processor (docs/RUNBOOK.md)");
        }
        StateReader in = new StateReader(bytes);
        int ids = in.count();
        Map<String, Long> recent = new LinkedHashMap<>(Math.max(16, ids * 2));
        for (int i = 0; i < ids; i++) {
            recent.put(in.id(), in.time());
        }
        int count = in.count();
        List<Session> sessions = new ArrayList<>(Math.max(2, count));
        for (int i = 0; i < count; i++) {
            sessions.add(new Session(in.time(), in.time(), in.longCount(), in.longCount(), in.longCount(),
                    in.longCount(), in.longCount(), in.signed()));
        }
        return new UserState(recent, sessions, UserFeatureState.read(in), FraudState.read(in));
    }
}
