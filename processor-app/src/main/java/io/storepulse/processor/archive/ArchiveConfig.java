package io.storepulse.processor.archive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** The analytics archive (CONTRACT section 10): every valid input record and every alert, to S3 as Parquet. */
@ConfigMapping(prefix = "storepulse.archive")
public interface ArchiveConfig {

    /** Whether this processor instance runs the archiver (its own consumer group, beside the topology). */
    @WithDefault("true")
    boolean enabled();

    /** The bucket objects are written to ({@code STOREPULSE_ARCHIVE_BUCKET}). */
    @WithDefault("storepulse-archive")
    String bucket();

    /**
     * How long a partition's records wait in memory at most before they are written: the freshness bound is this
     * plus the upload. Measured from the first record of a roll by the wall clock, so an idle partition rolls too.
     */
    @WithDefault("60s")
    Duration rollInterval();

    /** The most records of one partition in one roll; a full roll is written at once. */
    @WithDefault("250000")
    int rollSize();

    /** The topics archived; each must be an input topic of CONTRACT section 2 or {@code fraud-alerts}. */
    @WithDefault("click-events,purchase-events,inventory-events,fraud-alerts")
    List<String> topics();

    /** The archiver's consumer group; its committed offsets and their metadata are the archive's progress. */
    @WithDefault("storepulse-archiver")
    String groupId();

    /**
     * The most bytes of encoded Parquet held for all partitions before the largest roll is written early; also
     * what a partition may hold while its previous roll is still uploading before it stops fetching.
     */
    @WithDefault("268435456")
    long maxBufferedBytes();

    /** How far behind (oldest unarchived record's age) the archive may fall before its health check says behind. */
    @WithDefault("10m")
    Duration maxLag();

    /**
     * The topology's input lag, in records, above which the archiver stops fetching until the topology has caught
     * up (down to a quarter of it): on shared cores a catch-up comes first. 0 never steps aside.
     */
    @WithDefault("100000")
    long yieldAboveLag();

    /** The longest the archiver steps aside at a stretch; kept well under {@code max-lag}. */
    @WithDefault("5m")
    Duration maxYield();

    /** Create the bucket when it does not exist (for local and test stores; production buckets are provisioned). */
    @WithDefault("false")
    boolean createBucket();
}
