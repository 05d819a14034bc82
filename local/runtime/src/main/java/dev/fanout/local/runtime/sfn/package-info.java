/**
 * The state machine's service integrations, bound to the local functions and queues.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.local.runtime.sfn;
