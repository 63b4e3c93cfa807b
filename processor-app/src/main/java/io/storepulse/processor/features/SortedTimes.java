package io.storepulse.processor.features;

import java.util.Arrays;

/** Event times in ascending order, without boxing; out-of-order times are inserted in place. */
public final class SortedTimes {

    private long[] times;
    private int size;

    SortedTimes() {
        this(new long[8], 0);
    }

    /** The first {@code size} of {@code times}, which must be ascending (as the state codec reads them back). */
    public SortedTimes(long[] times, int size) {
        this.times = times;
        this.size = size;
    }

    void add(long time) {
        if (size == times.length) {
            times = Arrays.copyOf(times, Math.max(8, size * 2));
        }
        int at = size;
        while (at > 0 && times[at - 1] > time) {
            at--;
        }
        System.arraycopy(times, at, times, at + 1, size - at);
        times[at] = time;
        size++;
    }

    /** How many times are at or after {@code from}. */
    int countFrom(long from) {
        return size - firstAtOrAfter(from);
    }

    /** Drops every time before {@code from}. */
    void dropBefore(long from) {
        int first = firstAtOrAfter(from);
        if (first > 0) {
            System.arraycopy(times, first, times, 0, size - first);
            size -= first;
        }
    }

    int firstAtOrAfter(long from) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] < from) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    public int size() {
        return size;
    }

    public long get(int index) {
        return times[index];
    }
}
