package io.storepulse.processor.archive;

import org.apache.kafka.common.TopicPartition;

import java.util.concurrent.CompletableFuture;

/**
 * What the archiver holds for one partition it owns: the roll being filled, the roll whose plan is committed and
 * whose objects are uploading (at most one), and the plan to write again after a take-over found objects missing.
 * Touched by the archiver's consumer thread only.
 */
final class PartitionArchive {

    final TopicPartition partition;
    final ArchivedTopic topic;
    /** The next offset not yet safely in S3: where the archive of this partition resumes. */
    long archivedOffset = -1;
    /** The broker's read_committed end of the partition, as last asked. */
    long endOffset = -1;
    Roll open;
    Sealed uploading;
    CompletableFuture<Void> upload;
    /** Earliest wall-clock time the failed upload is tried again. */
    long retryAt;
    /** A committed plan whose objects are not all in S3: its range is read again and written under its names. */
    RollPlan redo;
    Roll redoRoll;
    boolean paused;
    /**
     * Write time of the last record taken, or Long.MAX_VALUE before the first: while the partition waits with
     * nothing held (fetching stopped), its oldest unarchived record is at most this old.
     */
    long lastTaken = Long.MAX_VALUE;
    /** Set when a failed commit moved the partition back to the start of the roll it could not commit. */
    boolean rewound;

    PartitionArchive(TopicPartition partition, ArchivedTopic topic) {
        this.partition = partition;
        this.topic = topic;
    }

    boolean idle() {
        return open == null && uploading == null && redo == null;
    }

    long oldestWaiting() {
        long oldest = Long.MAX_VALUE;
        if (uploading != null) {
            oldest = Math.min(oldest, uploading.oldestTimestamp());
        }
        if (redoRoll != null) {
            oldest = Math.min(oldest, redoRoll.oldestTimestamp());
        }
        if (open != null) {
            oldest = Math.min(oldest, open.oldestTimestamp());
        }
        return oldest;
    }

    long bufferedBytes() {
        long bytes = open == null ? 0 : open.bufferedBytes();
        if (redoRoll != null) {
            bytes += redoRoll.bufferedBytes();
        }
        return bytes + (uploading == null ? 0 : uploading.bytes());
    }
}
