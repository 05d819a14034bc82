/**
 * The pipeline's logic behind the Lambda handlers, free of AWS types: {@link dev.fanout.core.pipeline.JobSubmission}
 * (API and upload trigger), {@link dev.fanout.core.pipeline.Splitter} (one object, or every object under a prefix,
 * listed as a stream), {@link dev.fanout.core.pipeline.Worker} and {@link dev.fanout.core.pipeline.Reducer}, with the
 * settings, S3 keys and records they exchange.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.core.pipeline;
