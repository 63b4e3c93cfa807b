package io.storepulse.serving.query;

import io.storepulse.service.json.LocalAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether answers gathered from every processor instance cover each partition of a store exactly once. While
 * partitions move between instances two of them can both answer for one, or neither; then the gathered answer
 * would count a product twice or miss it, and is not given.
 */
public final class PartitionCoverage {

    private PartitionCoverage() {
    }

    /** What keeps {@code answers} from being the whole store; empty when they are exactly that. */
    public static Optional<String> gap(List<? extends LocalAnswer> answers) {
        if (answers.isEmpty()) {
            return Optional.of("no processor instance answered");
        }
        int count = answers.get(0).partitionCount();
        boolean[] seen = new boolean[Math.max(0, count)];
        for (LocalAnswer answer : answers) {
            if (answer.partitionCount() != count) {
                return Optional.of("the processor instances disagree on the partition count (" + count + " and "
                        + answer.partitionCount() + "): partitions are moving");
            }
            for (int partition : answer.partitions()) {
                if (partition < 0 || partition >= count) {
                    return Optional.of(answer.instance() + " answered for partition " + partition + " of " + count);
                }
                if (seen[partition]) {
                    return Optional.of("partition " + partition + " was answered twice: partitions are moving");
                }
                seen[partition] = true;
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int partition = 0; partition < count; partition++) {
            if (!seen[partition]) {
                missing.add(partition);
            }
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("no processor instance answered for partitions " + missing + ": partitions are moving");
    }
}
