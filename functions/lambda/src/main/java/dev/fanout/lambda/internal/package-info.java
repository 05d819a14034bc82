/**
 * What the handlers share: logging, metrics, the SnapStart priming hook.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.lambda.internal;
