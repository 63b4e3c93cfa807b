package io.storepulse.serving.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input topics' end offsets over time and the rates they give: every record appended to an input topic is one
 * event received. Samples come in with the time they were read at; nothing here reads a clock.
 */
public final class InputRates {

    /** Summed end offsets per topic (in the order given), read at {@code atMillis}. */
    record Sample(long atMillis, Map<String, Long> ends) {
    }

    /** Events per second between two samples, overall and per topic, as of the later one. */
    public record Rate(long fromMillis, long atMillis, double perSecond, Map<String, Double> perTopic) {
    }

    private final long keepMillis;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    public InputRates(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    /**
     * Adds a reading. One that cannot follow the last (another set of topics, or an offset gone back: a topic
     * deleted and created again) starts the history afresh instead of giving a negative or meaningless rate.
     */
    public synchronized void add(long atMillis, Map<String, Long> ends) {
        Sample last = samples.peekLast();
        if (last != null && (atMillis <= last.atMillis() || !follows(last.ends(), ends))) {
            samples.clear();
        }
        samples.addLast(new Sample(atMillis, Collections.unmodifiableMap(new LinkedHashMap<>(ends))));
        while (samples.peekFirst().atMillis() < atMillis - keepMillis) {
            samples.removeFirst();
        }
    }

    /** When the newest reading was taken; empty before the first. */
    public synchronized Optional<Long> newestAt() {
        return samples.isEmpty() ? Optional.empty() : Optional.of(samples.peekLast().atMillis());
    }

    /**
     * The rate over about {@code spanMillis} up to the newest reading: from the newest reading at least that old,
     * or from the oldest kept when none is. Empty until there are two readings.
     */
    public synchronized Optional<Rate> over(long spanMillis) {
        if (samples.size() < 2) {
            return Optional.empty();
        }
        Sample newest = samples.peekLast();
        Sample from = samples.peekFirst();
        Iterator<Sample> older = samples.descendingIterator();
        while (older.hasNext()) {
            Sample sample = older.next();
            if (sample.atMillis() <= newest.atMillis() - spanMillis) {
                from = sample;
                break;
            }
        }
        return Optional.of(between(from, newest));
    }

    /** The rate between each pair of consecutive readings, oldest first. */
    public synchronized List<Rate> history() {
        List<Rate> rates = new ArrayList<>(Math.max(0, samples.size() - 1));
        Sample previous = null;
        for (Sample sample : samples) {
            if (previous != null) {
                rates.add(between(previous, sample));
            }
            previous = sample;
        }
        return rates;
    }

    private static Rate between(Sample from, Sample to) {
        double seconds = (to.atMillis() - from.atMillis()) / 1000.0;
        Map<String, Double> perTopic = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> end : to.ends().entrySet()) {
            long events = end.getValue() - from.ends().get(end.getKey());
            total += events;
            perTopic.put(end.getKey(), events / seconds);
        }
        return new Rate(from.atMillis(), to.atMillis(), total / seconds, perTopic);
    }

    private static boolean follows(Map<String, Long> before, Map<String, Long> after) {
        if (!before.keySet().equals(after.keySet())) {
            return false;
        }
        for (Map.Entry<String, Long> end : after.entrySet()) {
            if (end.getValue() < before.get(end.getKey())) {
                return false;
            }
        }
        return true;
    }
}
