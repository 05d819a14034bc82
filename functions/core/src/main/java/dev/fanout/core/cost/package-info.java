/**
 * The estimated AWS cost of a job, written to its summary.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.core.cost;
