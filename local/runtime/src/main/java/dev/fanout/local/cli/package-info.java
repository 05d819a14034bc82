/**
 * The {@code fanout} command line. Its commands, flags, exit codes and output are API (docs/API.md); these classes are not.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.local.cli;
