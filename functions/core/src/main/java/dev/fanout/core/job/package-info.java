/**
 * The job SPI: what a job type implements ({@link dev.fanout.core.job.Job}), what it reads — records as text
 * ({@link dev.fanout.core.job.InputRecord}, the line API) or as a reusable byte view
 * ({@link dev.fanout.core.job.RecordCursor}) — and what it may know about its chunk
 * ({@link dev.fanout.core.job.MapContext}). Job types are found with {@link java.util.ServiceLoader}
 * ({@link dev.fanout.core.job.JobRegistry}). No AWS types.
 */
package dev.fanout.core.job;
