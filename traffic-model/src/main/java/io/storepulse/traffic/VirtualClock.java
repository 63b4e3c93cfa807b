package io.storepulse.traffic;

/** Event time of the stream: record i is stamped start + i * 1000 / rate ms, so time advances uniformly. */
final class VirtualClock {

    private final long startMillis;
    private final double rate;
    private long tick;

    VirtualClock(long startMillis, double rate) {
        this.startMillis = startMillis;
        this.rate = rate;
    }

    long now() {
        return startMillis + Math.round(tick * 1000.0 / rate);
    }

    void advance() {
        tick++;
    }

    long ticks() {
        return tick;
    }

    double millisPerTick() {
        return 1000.0 / rate;
    }
}
