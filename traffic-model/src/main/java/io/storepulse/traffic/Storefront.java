package io.storepulse.traffic;

import org.apache.avro.specific.SpecificRecord;

import java.util.SplittableRandom;

/** The legit shoppers: sessions in progress, ordered by when their next step is due, and who may start one. */
final class Storefront {

    private final DueSessions active;
    private final UserPool users;
    private final ShopperDirectory directory;
    private final SessionFunnel funnel;
    private final SplittableRandom random;
    private final IdSequence sessionIds;
    private long sessionsStarted;

    Storefront(long start, UserPool users, ShopperDirectory directory, SessionFunnel funnel, IdSequence sessionIds,
               SplittableRandom random) {
        this.active = new DueSessions(start);
        this.users = users;
        this.directory = directory;
        this.funnel = funnel;
        this.sessionIds = sessionIds;
        this.random = random;
    }

    /** The next event of the session due first, if it is due by {@code now}; null when no session is due. */
    SpecificRecord nextDue(long now) {
        ShoppingSession session = active.pollDue(now);
        return session == null ? null : advance(session, now);
    }

    /** Starts a session of a rested user and returns its first event. */
    SpecificRecord openSession(long now) {
        Shopper shopper = directory.shopper(users.take(now, random));
        Persona persona = shopper.persona();
        ShoppingSession session = new ShoppingSession(shopper, sessionIds.nextNumber(), persona.device(random),
                persona.funnel().plannedViews(random));
        sessionsStarted++;
        return advance(session, now);
    }

    long sessionsStarted() {
        return sessionsStarted;
    }

    int sessionsInProgress() {
        return active.size();
    }

    int population() {
        return users.population();
    }

    private SpecificRecord advance(ShoppingSession session, long now) {
        SpecificRecord event = funnel.step(session, now);
        if (session.finished()) {
            users.release(session.shopper().number(), now);
        } else {
            active.add(session);
        }
        return event;
    }
}
