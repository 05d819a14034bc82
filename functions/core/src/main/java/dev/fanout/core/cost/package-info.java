/** The estimated AWS cost of a job, written to its summary. */
package dev.fanout.core.cost;
