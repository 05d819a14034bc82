/**
 * The exceptions fanout throws on purpose, in two families: {@link dev.fanout.core.error.RetryableException} (the
 * pipeline tries again) and {@link dev.fanout.core.error.PermanentException} (the same input fails again). Part of the
 * job SPI: a job throws {@link dev.fanout.core.error.InvalidRequestException} from its option and header checks and
 * {@link dev.fanout.core.error.MalformedRecordException} for a record it cannot use. The classes' fully qualified
 * names are the error names Step Functions sees, and the state machine's {@code Retry} and {@code Catch} match them.
 */
package dev.fanout.core.error;
