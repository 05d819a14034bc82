/**
 * What the interpreter calls out to: Lambda, SQS, object storage.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.asl.port;
