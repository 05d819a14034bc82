/**
 * A Step Functions JSON API endpoint in front of the interpreter, for the AWS SDK and CLI.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.asl.api;
