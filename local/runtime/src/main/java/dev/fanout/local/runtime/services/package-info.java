/**
 * The embedded S3 and SQS servers.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.local.runtime.services;
