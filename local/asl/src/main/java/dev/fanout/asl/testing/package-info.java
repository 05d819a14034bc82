/**
 * Test helpers of the interpreter: a clock that moves only when told.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.asl.testing;
