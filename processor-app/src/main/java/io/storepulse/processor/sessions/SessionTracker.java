package io.storepulse.processor.sessions;

import io.storepulse.processor.model.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * Event-time session windows (CONTRACT section 8): an event joins every session it is within the gap of, and
 * merges them; a gap of exactly the inactivity gap still merges. Pure: works on the list it is given.
 */
public final class SessionTracker {

    private final long gapMillis;

    public SessionTracker(long gapMillis) {
        this.gapMillis = gapMillis;
    }

    /** The session the event belongs to after adding it, and the earlier sessions it absorbed (now gone). */
    public record Update(Session current, List<Session> absorbed) {
    }

    /** Adds the event to {@code sessions} (sorted by start, kept sorted) and says what changed. */
    public Update add(List<Session> sessions, long time, Session.Activity activity, long amountCents) {
        List<Session> absorbed = new ArrayList<>(2);
        int insertAt = sessions.size();
        for (int i = 0; i < sessions.size(); i++) {
            Session session = sessions.get(i);
            if (time < session.start() - gapMillis) {
                if (absorbed.isEmpty()) {
                    insertAt = i;
                }
                break;
            }
            if (time <= session.end() + gapMillis) {
                absorbed.add(session);
                if (absorbed.size() == 1) {
                    insertAt = i;
                }
            }
        }
        Session current = Session.of(time, activity, amountCents);
        for (Session session : absorbed) {
            current = current.merge(session);
        }
        sessions.removeAll(absorbed);
        sessions.add(Math.min(insertAt, sessions.size()), current);
        return new Update(current, absorbed);
    }

    /**
     * Removes the sessions no accepted event can reach any more, those ending before {@code horizon - gap}, and
     * returns them: they are final.
     */
    public List<Session> closeBefore(List<Session> sessions, long horizon) {
        List<Session> closed = new ArrayList<>(0);
        sessions.removeIf(session -> session.end() + gapMillis < horizon && closed.add(session));
        return closed;
    }
}
