/**
 * Cutting inputs into chunks and reading a chunk's records. Text is planned from its size alone
 * ({@link dev.fanout.core.chunk.TextChunkPlanner}) and read line-aligned ({@link
 * dev.fanout.core.chunk.TextRangeReader}); JSON Lines are text lines checked to be JSON ({@link
 * dev.fanout.core.chunk.JsonLinesCursor}); JSON arrays are scanned once for element offsets ({@link
 * dev.fanout.core.chunk.JsonArrayPlanner}) and read per range ({@link dev.fanout.core.chunk.JsonArrayRangeReader});
 * gzip objects are decompressed as a stream ({@link dev.fanout.core.chunk.GzipDecoder}).
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.core.chunk;
