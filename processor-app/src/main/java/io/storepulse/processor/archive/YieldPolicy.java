package io.storepulse.processor.archive;

/**
 * When the archiver steps aside for the topology. Both share this instance's cores; while the topology catches up
 * (its input lag above {@code startAbove} records) the archiver stops fetching, so alerts and features come first,
 * and takes up the archive again once the topology's lag is down to a quarter of that. It never steps aside for
 * longer than {@code maxMillis} at a stretch: after that it archives at full speed until the topology has caught up
 * once, so a topology that never catches up cannot starve the archive past its own alert.
 */
final class YieldPolicy {

    private final long startAbove;
    private final long maxMillis;
    private long since = -1;
    private boolean exhausted;

    YieldPolicy(long startAbove, long maxMillis) {
        this.startAbove = startAbove;
        this.maxMillis = maxMillis;
    }

    /** Whether to step aside now, given the topology's lag ({@code -1}: unknown) at {@code now}. */
    boolean update(long topologyLag, long now) {
        if (startAbove <= 0 || topologyLag < 0) {
            since = -1;
            return false;
        }
        if (topologyLag <= startAbove / 4) {
            since = -1;
            exhausted = false;
            return false;
        }
        if (since >= 0) {
            if (now - since < maxMillis) {
                return true;
            }
            since = -1;
            exhausted = true;
            return false;
        }
        if (topologyLag > startAbove && !exhausted) {
            since = now;
            return true;
        }
        return false;
    }
}
