package dev.fanout.tests.localstack;

import java.util.Objects;

/**
 * The physical names the functions are told about through their environment.
 *
 * @param workQueueUrl URL of the work queue the Map children send chunks to
 */
public record DeployedNames(String inputBucket, String workBucket, String resultsBucket, String workQueueUrl) {
    public DeployedNames {
        Objects.requireNonNull(inputBucket, "inputBucket");
        Objects.requireNonNull(workBucket, "workBucket");
        Objects.requireNonNull(resultsBucket, "resultsBucket");
        Objects.requireNonNull(workQueueUrl, "workQueueUrl");
    }

    /** Bucket names of one deployment: {@code <prefix>-input}, {@code <prefix>-work}, {@code <prefix>-results}. */
    public static DeployedNames of(String prefix, String workQueueUrl) {
        return new DeployedNames(prefix + "-input", prefix + "-work", prefix + "-results", workQueueUrl);
    }
}
