/**
 * The ports the pipeline's logic talks through (object storage, task callbacks, executions); the AWS adapters and the local runtime implement them.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.core.port;
