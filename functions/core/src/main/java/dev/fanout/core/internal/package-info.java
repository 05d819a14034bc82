/** Helpers shared inside the core. Not API: may change without notice. */
package dev.fanout.core.internal;
