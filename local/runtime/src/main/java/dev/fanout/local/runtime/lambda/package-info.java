/**
 * Local Lambda functions: handlers invoked in-process with a Lambda context and timeouts.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.local.runtime.lambda;
