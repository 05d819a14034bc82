/**
 * The built-in job types: {@code wordcount}, {@code csv-aggregate}, {@code jsonl-aggregate}, {@code grep} and
 * {@code double}. Their names, options and results are API ({@code docs/API.md}); these classes are not.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.core.jobs;
