package io.storepulse.processor.state;

import io.storepulse.processor.model.Session;
import io.storepulse.processor.model.UserState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a user's state in the {@code user-state} store and its changelog. The first byte is the format;
 * {@link #encode} writes {@link #CURRENT}, {@link #decode} reads every format in {@link #READABLE}.
 *
 * <p>Changing the format without a reset: add a new number, keep the reader of the one before it (a release must read
 * what the release before it wrote, from the stores and the changelogs), keep the previous release's fixture test
 * ({@code UserStateFormatTest}), and release it first still writing the old format if instances of the old release
 * may read the new bytes during a rolling upgrade. Formats 3 and before (fixed-width fields) were retired by a reset.
 */
public final class UserStateCodec {

    /** 4: {@link StateWriter}'s compact encoding: variable-length counts, times as differences, ids as suffixes. */
    public static final byte CURRENT = 4;
    /** The formats {@link #decode} reads. */
    public static final List<Byte> READABLE = List.of(CURRENT);

    private UserStateCodec() {
    }

    /** The state in the current format, the user's newest event time first (readable without decoding the rest). */
    public static byte[] encode(UserState state) {
        StateWriter out = new StateWriter(CURRENT, state.features().lastEventTime());
        Map<String, Long> recentEventIds = state.recentEventIds();
        out.count(recentEventIds.size());
        for (Map.Entry<String, Long> id : recentEventIds.entrySet()) {
            out.id(id.getKey());
            out.time(id.getValue());
        }
        List<Session> sessions = state.sessions();
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
        FeatureStateCodec.write(out, state.features());
        FraudStateCodec.write(out, state.fraud());
        return out.toByteArray();
    }

    /** A state in any readable format; another format is refused with what to do, never half-read. */
    public static UserState decode(byte[] bytes) {
        byte format = StateReader.version(bytes);
        if (format != CURRENT) {
            throw new IllegalStateException("unknown user state format " + format + " (this release reads " + READABLE
                    + "): the state was written by another release; reset the processor (docs/RUNBOOK.md)");
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
        return new UserState(recent, sessions, FeatureStateCodec.read(in), FraudStateCodec.read(in));
    }

    /** The user's newest event time, read from the encoded state without decoding the rest (any format). */
    public static long lastEventTime(byte[] bytes) {
        return StateReader.fixedTime(bytes);
    }
}
