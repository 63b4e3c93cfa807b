package io.storepulse.processor.topology;

import org.apache.kafka.streams.kstream.Window;

/** A session's time span as a session store key: first and last event time, both inclusive. */
final class SessionSpan extends Window {

    SessionSpan(long start, long end) {
        super(start, end);
    }

    /** Session spans overlap when they share at least one instant; ends are inclusive. */
    @Override
    public boolean overlap(Window other) {
        return start() <= other.end() && other.start() <= end();
    }
}
