/**
 * The records the pipeline's steps exchange: job requests, chunks, split plans, object locations and statuses.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.core.model;
