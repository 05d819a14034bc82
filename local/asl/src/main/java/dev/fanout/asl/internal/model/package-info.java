/**
 * The parsed state machine: a sealed State hierarchy of records.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.asl.internal.model;
