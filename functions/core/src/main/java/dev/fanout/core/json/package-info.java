/** The JSON configuration every part of fanout shares. */
package dev.fanout.core.json;
