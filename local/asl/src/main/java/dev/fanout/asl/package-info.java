/**
 * The Amazon States Language interpreter: {@link dev.fanout.asl.AslEngine} runs state machines, executions and Map runs as Step Functions does.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.asl;
