/** The built-in job types: {@code wordcount}, {@code csv-aggregate} and {@code double}. */
package dev.fanout.core.jobs;
