package dev.fanout.cdk;

import dev.fanout.deployment.DataBucket;
import dev.fanout.deployment.StoragePrefix;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The three data buckets — input (uploads and inline inputs), work (manifests, partials, failure records; expire)
 * and results — plus the bucket their server access logs go to. All encrypted, private and TLS-only.
 */
public final class Storage extends Construct {

    /**
     * @param workDataExpirationDays days after which work data and inline inputs expire
     * @param autoDeleteObjects      delete the buckets and their objects with the stack
     */
    public record StorageProps(int workDataExpirationDays, boolean autoDeleteObjects) {
        public StorageProps {
            if (workDataExpirationDays < 1) {
                throw new IllegalArgumentException("workDataExpirationDays must be at least 1");
            }
        }
    }

    /** Server access logs are kept this long. */
    static final int ACCESS_LOG_DAYS = 90;
    /** Overwritten or deleted object versions in the versioned buckets are kept this long. */
    static final int NONCURRENT_VERSION_DAYS = 30;

    private final Bucket input;
    private final Bucket work;
    private final Bucket results;
    private final Bucket accessLogs;

    public Storage(Construct scope, String id, StorageProps props) {
        super(scope, id);
        accessLogs = bucket("AccessLogs", props, false, null, List.of(
                LifecycleRule.builder().expiration(Duration.days(ACCESS_LOG_DAYS)).build()));
        NagSuppressions.addResourceSuppressions(accessLogs, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("This is the server access log bucket of the other buckets; logging its own access would log "
                        + "every log delivery.")
                .build()));
        input = bucket("Input", props, true, "input/", rules(DataBucket.INPUT, props, true));
        work = bucket("Work", props, false, "work/", rules(DataBucket.WORK, props, false));
        results = bucket("Results", props, true, "results/", rules(DataBucket.RESULTS, props, true));
    }

    /**
     * The prefixes of {@code bucket} that expire (work data, inline inputs: needed only while a job runs), old
     * versions where the bucket is versioned, and incomplete multipart uploads.
     */
    private static List<LifecycleRule> rules(DataBucket bucket, StorageProps props, boolean versioned) {
        List<LifecycleRule> rules = new ArrayList<>();
        for (StoragePrefix prefix : StoragePrefix.values()) {
            if (prefix.bucket() == bucket && prefix.expires()) {
                rules.add(LifecycleRule.builder().id(expiryRuleId(prefix))
                        .prefix(prefix.prefix()).expiration(Duration.days(props.workDataExpirationDays())).build());
            }
        }
        if (versioned) {
            rules.add(noncurrentVersions());
        }
        rules.add(abortIncompleteUploads());
        return rules;
    }

    private static String expiryRuleId(StoragePrefix prefix) {
        return switch (prefix) {
            case WORK_DATA -> "ExpireWorkData";
            case INLINE_INPUTS -> "ExpireInlineInputs";
            default -> "Expire" + prefix.name();
        };
    }

    private Bucket bucket(String id, StorageProps props, boolean versioned, String logPrefix,
                          List<LifecycleRule> rules) {
        Bucket.Builder b = Bucket.Builder.create(this, id)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .versioned(versioned)
                .lifecycleRules(rules)
                .removalPolicy(props.autoDeleteObjects() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
                .autoDeleteObjects(props.autoDeleteObjects());
        if (logPrefix != null) {
            b.serverAccessLogsBucket(accessLogs).serverAccessLogsPrefix(logPrefix);
        }
        return b.build();
    }

    private static LifecycleRule noncurrentVersions() {
        return LifecycleRule.builder().id("ExpireNoncurrentVersions")
                .noncurrentVersionExpiration(Duration.days(NONCURRENT_VERSION_DAYS)).build();
    }

    private static LifecycleRule abortIncompleteUploads() {
        return LifecycleRule.builder().id("AbortIncompleteUploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(1)).build();
    }

    /** The bucket the functions know as {@code bucket}. */
    public IBucket get(DataBucket bucket) {
        return switch (bucket) {
            case INPUT -> input;
            case WORK -> work;
            case RESULTS -> results;
        };
    }

    /** Uploads ({@code incoming/<jobType>/...}) and inline inputs. */
    public IBucket input() {
        return input;
    }

    /** Manifests, partials and failure records under {@code jobs/}. */
    public IBucket work() {
        return work;
    }

    /** Results and summaries under {@code results/}. */
    public IBucket results() {
        return results;
    }

    public IBucket accessLogs() {
        return accessLogs;
    }
}
