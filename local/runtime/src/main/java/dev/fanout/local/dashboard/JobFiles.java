package dev.fanout.local.dashboard;

import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.pipeline.Keys;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A job's files in the results bucket — {@code results/<jobId>/summary.json} and the result — through the runtime's
 * own S3 client, for the dashboard's links. Only keys under the job's own {@code results/<jobId>/} are served.
 */
final class JobFiles {
    private final S3Client s3;
    private final String resultsBucket;
    /** Whether a finished run (job id, redrive count) wrote its summary: it is written before the execution ends. */
    private final Map<String, Boolean> summaries = new ConcurrentHashMap<>();

    JobFiles(S3Client s3, String resultsBucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.resultsBucket = Objects.requireNonNull(resultsBucket, "resultsBucket");
    }

    /** The summary's {@code s3://} URI if a finished job has one; asks S3 once per run of the job. */
    Optional<String> summary(String jobId, int redriveCount) {
        ObjectLocation summary = new ObjectLocation(resultsBucket, Keys.summary(jobId));
        String run = jobId + "#" + redriveCount;
        Boolean exists = summaries.get(run);
        if (exists == null) {
            try {
                s3.headObject(r -> r.bucket(summary.bucket()).key(summary.key()));
                exists = true;
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    return Optional.empty();   // ask again on the next poll
                }
                exists = false;
            } catch (SdkException e) {
                return Optional.empty();
            }
            summaries.put(run, exists);
        }
        return exists ? Optional.of(summary.toUri()) : Optional.empty();
    }

    /**
     * The object at {@code s3Uri}, if it is one of the job's own files in the results bucket and exists.
     *
     * @throws SdkException when S3 cannot be read
     */
    Optional<ResponseInputStream<GetObjectResponse>> open(String jobId, String s3Uri) {
        ObjectLocation location;
        try {
            location = ObjectLocation.parseUri(s3Uri, "uri");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!location.bucket().equals(resultsBucket) || !location.key().startsWith(Keys.result(jobId, ""))
                || location.key().contains("..")) {
            return Optional.empty();
        }
        try {
            return Optional.of(s3.getObject(r -> r.bucket(location.bucket()).key(location.key())));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
