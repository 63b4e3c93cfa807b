package io.storepulse.processor.archive;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.time.temporal.ChronoUnit;

/**
 * The archive's calls to S3, each a single request under a timeout and retried with exponential back-off. An
 * object is written with one PUT, so a reader sees either nothing or the whole file under its key.
 */
@ApplicationScoped
public class ArchiveStore {

    private final S3Client s3;
    private final ArchiveMetrics metrics;

    public ArchiveStore(S3Client s3, ArchiveMetrics metrics) {
        this.s3 = s3;
        this.metrics = metrics;
    }

    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 5, delay = 250, delayUnit = ChronoUnit.MILLIS, jitter = 100, maxDuration = 5,
            durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(factor = 2, maxDelay = 15, maxDelayUnit = ChronoUnit.SECONDS)
    public void put(String bucket, String topic, String key, byte[] bytes) {
        try {
            s3.putObject(request -> request.bucket(bucket).key(key).contentType("application/vnd.apache.parquet")
                    .contentLength((long) bytes.length), RequestBody.fromBytes(bytes));
        } catch (RuntimeException e) {
            metrics.uploadFailed(topic);
            throw e;
        }
    }

    /** Whether the object exists; a failure to find out is an exception, not "no". */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 250, delayUnit = ChronoUnit.MILLIS, retryOn = RuntimeException.class,
            abortOn = NoSuchKeyException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 2, maxDelayUnit = ChronoUnit.SECONDS)
    public boolean exists(String bucket, String key) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    /** Makes sure the bucket exists, creating it when {@code create} allows; false when it is missing. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 500, delayUnit = ChronoUnit.MILLIS, abortOn = NoSuchBucketException.class)
    public boolean bucketReady(String bucket, boolean create) {
        try {
            s3.headBucket(request -> request.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            if (!create) {
                return false;
            }
            s3.createBucket(request -> request.bucket(bucket));
            return true;
        }
    }
}
