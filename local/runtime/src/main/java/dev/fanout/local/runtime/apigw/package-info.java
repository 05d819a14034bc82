/**
 * The local jobs API: API Gateway's REST events from local HTTP requests.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.local.runtime.apigw;
