/**
 * The names of the functions' environment variables, shared by the handlers, the stack and the local runtime.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.core.config;
