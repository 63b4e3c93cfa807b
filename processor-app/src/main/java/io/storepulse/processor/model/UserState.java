package io.storepulse.processor.model;

import io.storepulse.processor.features.UserFeatureState;
import io.storepulse.processor.rules.FraudState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

    private static final byte VERSION = 3;

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

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(features.lastEventTime());
            out.writeInt(recentEventIds.size());
            for (Map.Entry<String, Long> id : recentEventIds.entrySet()) {
                out.writeUTF(id.getKey());
                out.writeLong(id.getValue());
            }
            out.writeInt(sessions.size());
            for (Session s : sessions) {
                out.writeLong(s.start());
                out.writeLong(s.end());
                out.writeLong(s.events());
                out.writeLong(s.pageViews());
                out.writeLong(s.productViews());
                out.writeLong(s.addToCarts());
                out.writeLong(s.purchases());
                out.writeLong(s.revenueCents());
            }
            features.write(out);
            fraud.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user's newest event time, read from the encoded state without decoding the rest. */
    public static long lastEventTime(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 8).getLong();
    }

    public static UserState fromBytes(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown user state version " + version
                        + ": the state was written by another release; reset the processor (docs/RUNBOOK.md)");
            }
            in.readLong();
            int ids = in.readInt();
            Map<String, Long> recent = new LinkedHashMap<>(Math.max(16, ids * 2));
            for (int i = 0; i < ids; i++) {
                recent.put(in.readUTF(), in.readLong());
            }
            int count = in.readInt();
            List<Session> sessions = new ArrayList<>(Math.max(2, count));
            for (int i = 0; i < count; i++) {
                sessions.add(new Session(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        in.readLong(), in.readLong(), in.readLong()));
            }
            return new UserState(recent, sessions, UserFeatureState.read(in), FraudState.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
