/**
 * The local S3 upload trigger: new objects under {@code incoming/} become S3 events.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.local.runtime.trigger;
