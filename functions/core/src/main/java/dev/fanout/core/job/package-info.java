/**
 * The job SPI: what a job type implements ({@link dev.fanout.core.job.Job}, or {@link dev.fanout.core.job.MapOnlyJob}
 * for a job that writes output records to its own parts through an {@link dev.fanout.core.job.OutputWriter} instead
 * of a partial to combine), what it reads — records as text ({@link dev.fanout.core.job.InputRecord}, the line API)
 * or as a reusable byte view ({@link dev.fanout.core.job.RecordCursor}), each with its object's key and its byte
 * offset, in one of the {@link dev.fanout.core.job.InputFormat}s — and what it may know about its chunk
 * ({@link dev.fanout.core.job.MapContext}). Job types are found with {@link java.util.ServiceLoader}
 * ({@link dev.fanout.core.job.JobRegistry}). No AWS types.
 */
package dev.fanout.core.job;
