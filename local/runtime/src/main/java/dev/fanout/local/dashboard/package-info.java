/**
 * The web page {@code fanout serve} serves at the jobs API's address, and the JSON views behind it.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.local.dashboard;
