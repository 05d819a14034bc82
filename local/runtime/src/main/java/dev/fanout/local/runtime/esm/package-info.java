/**
 * The local SQS event source mapping: Lambda's batching, partial batch failures and scaling.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.local.runtime.esm;
