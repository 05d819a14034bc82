/**
 * The Lambda handlers (splitter, worker, reducer, jobs API, S3 upload trigger) and their composition root, {@link dev.fanout.lambda.Wiring}. The handlers' class names are what the stack deploys; the classes are not for calling from other code.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.lambda;
