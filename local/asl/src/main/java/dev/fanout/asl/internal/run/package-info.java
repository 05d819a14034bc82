/**
 * Running executions: states, retries, catches, Map and Parallel, task tokens.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.asl.internal.run;
