package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.fanout.core.error.PermanentException;
import dev.fanout.core.error.RetryableException;
import dev.fanout.core.pipeline.JobSubmission;
import dev.fanout.core.pipeline.Submitted;
import dev.fanout.lambda.internal.LogContext;
import dev.fanout.lambda.internal.PipelineMetrics;
import dev.fanout.lambda.internal.Upload;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job with defaults for each upload under {@code incoming/<jobType>/} of the input bucket. The job id
 * derives from bucket, key and ETag, so a repeated notification starts no second job. Uploads that are not
 * jobs, or cannot be, are logged and skipped; a transient failure fails the invocation after every record was
 * tried, so Lambda retries the event; the uploads that did start meet their existing jobs then.
 *
 * <pre>{@code
 * new S3TriggerHandler(Wiring.from(env)).handleRequest(s3Event, context);
 * }</pre>
 */
public final class S3TriggerHandler implements RequestHandler<S3Event, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(S3TriggerHandler.class);

    private final JobSubmission submission;
    private final PipelineMetrics metrics;

    /** Lambda's entry point. */
    public S3TriggerHandler() {
        this(Wiring.fromEnvironment());
    }

    public S3TriggerHandler(Wiring wiring) {
        this(wiring.submission(), wiring.metrics());
    }

    S3TriggerHandler(JobSubmission submission, PipelineMetrics metrics) {
        this.submission = Objects.requireNonNull(submission, "submission");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        return LogContext.invocation(context, () -> {
            RetryableException retry = null;
            try {
                for (Upload upload : Upload.from(event)) {
                    try {
                        submit(upload);
                    } catch (RetryableException e) {
                        LOG.warn("could not start a job for {} yet", upload.location(), e);
                        retry = retry == null ? e : retry;
                    } catch (PermanentException e) {
                        LOG.error("upload {} cannot start a job: {}", upload.location(), e.getMessage());
                    }
                }
            } finally {
                metrics.flush();
            }
            if (retry != null) {
                throw retry;
            }
            return null;
        });
    }

    private void submit(Upload upload) {
        Optional<Submitted> submitted = submission.submitUpload(upload.location(), upload.etag());
        if (submitted.isEmpty()) {
            LOG.info("upload {} is not under incoming/<known job type>/; ignored", upload.location());
            return;
        }
        LogContext.with(Map.of(LogContext.JOB_ID, submitted.get().jobId()), () -> {
            if (submitted.get().duplicate()) {
                LOG.info("duplicate notification for {}; the job exists already", upload.location());
            } else {
                metrics.jobStarted();
                LOG.info("job started for upload {}", upload.location());
            }
            return null;
        });
    }
}
