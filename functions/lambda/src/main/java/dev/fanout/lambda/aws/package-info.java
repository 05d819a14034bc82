/**
 * The AWS SDK adapters of the core's ports, and the SDK clients, built once per function.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.lambda.aws;
