package dev.fanout.core.pipeline;

import dev.fanout.core.chunk.GzipDecoder;
import dev.fanout.core.chunk.JsonArrayRangeReader;
import dev.fanout.core.chunk.JsonLinesCursor;
import dev.fanout.core.chunk.RangedObjectStream;
import dev.fanout.core.chunk.TextRangeCursor;
import dev.fanout.core.chunk.TextRangeReader;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.RecordCursor;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.Compression;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The records of one chunk, object after object: one byte range of an object, one whole (perhaps compressed)
 * object, or the group of small objects the chunk's segment list names — each read with the job's format (text, CSV,
 * JSON Lines, JSON array), decompressed when it is gzip, and its CSV header checked and passed over. {@link #key()}
 * tells which object the current record is from; a malformed record of a grouped chunk is named by its object.
 * Objects are read one after the other, as the job reads; a group's small objects are fetched a few ahead, side by
 * side (their failures surface when their turn comes).
 */
final class ChunkRecords implements RecordCursor, AutoCloseable {
    /** Decompressed objects have no known end: read to the end of the stream. */
    private static final long TO_THE_END = Long.MAX_VALUE - 1;
    /**
     * A group's small objects are fetched this many ahead, side by side: each is one GET, and a group of 1,000 read
     * one after the other would wait for 1,000 first bytes in a row.
     */
    private static final int READ_AHEAD = 8;
    /** Objects up to this size are read ahead whole (at most READ_AHEAD of them in memory). */
    private static final long READ_AHEAD_MAX_BYTES = 1 << 20;

    /** One object (or byte range of one) that the chunk reads. */
    private record Source(ObjectLocation location, String etag, long size, long start, long end,
                          Compression compression) {
        boolean whole() {
            return start == 0 && end == size;
        }
    }

    private final BlobStore blobs;
    private final Chunk chunk;
    private final InputFormat format;
    private final JsonLinesCursor.BadLines badLines;
    private final List<Source> sources;
    private int next;
    private final Map<Integer, Future<Fetched>> ahead = new HashMap<>();
    private ExecutorService fetchers;
    private Source current;
    private InputStream stream;
    private RecordCursor cursor;
    /**
     * {@link #cursor} when it is the plain line cursor of a text or CSV object (null otherwise): the accessors call it
     * directly, a call to a final class that the client compiler (C1) inlines, rather than through the interface, a
     * call it cannot inline. AWS's java17 and java21 Lambda runtimes run C1 only by default
     * (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html), as does {@code fanout run} up to 1 GiB;
     * for the same reason the CSV header is passed over here rather than by a cursor wrapped around this one.
     */
    private TextRangeCursor lines;
    /** The current object's first line is still to be checked against the CSV header (and passed over if it is it). */
    private boolean headerPending;

    ChunkRecords(BlobStore blobs, Chunk chunk, InputFormat format, JsonLinesCursor.BadLines badLines) {
        this.blobs = blobs;
        this.chunk = chunk;
        this.format = format;
        this.badLines = badLines;
        this.sources = chunk.objects() == null ? List.of(new Source(chunk.input(), chunk.etag(), chunk.objectSize(),
                chunk.start(), chunk.end(), chunk.compression())) : readGroup();
    }

    /** The group's objects, from its range of the segment file (at most a few thousand lines). */
    private List<Source> readGroup() {
        List<Source> group = new ArrayList<>(chunk.objects().count());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                blobs.openRange(chunk.input(), chunk.start(), chunk.end(), null), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Segment s = Json.read(line, Segment.class);
                group.add(new Source(new ObjectLocation(chunk.objects().bucket(), s.key()), s.etag(), s.size(), 0,
                        s.size(), s.compression()));
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the object list of chunk " + chunk.index() + " failed", e);
        }
        if (group.size() != chunk.objects().count()) {
            throw new IllegalStateException("the object list of chunk " + chunk.index() + " has " + group.size()
                    + " objects, the manifest says " + chunk.objects().count());
        }
        return group;
    }

    @Override
    public boolean next() {
        while (true) {
            if (cursor != null) {
                try {
                    if (cursor.next() && (!headerPending || passHeader())) {
                        return true;
                    }
                } catch (MalformedRecordException e) {
                    throw named(e);
                }
                closeCurrent();
            }
            if (next >= sources.size()) {
                return false;
            }
            open(sources.get(next++));
        }
    }

    /**
     * The current object's first line, when it is its header (at offset 0, which every object of a CSV input starts
     * with; a range that starts later has none): checked to be the job's header (every object under a prefix must
     * have the same one) and passed over. False if no line follows it.
     */
    private boolean passHeader() {
        headerPending = false;
        if (cursor.offset() != 0) {
            return true;
        }
        String text = cursor.text();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String header = chunk.header();
        if (header != null && !text.equals(header)) {
            throw new MalformedRecordException(0, location().toUri() + ": its header line differs from the "
                    + "header the job was planned with (every object of a CSV input must have the same header)");
        }
        return cursor.next();
    }

    /** The object of the current record (or of the last one read). */
    ObjectLocation location() {
        return current == null ? chunk.input() : current.location();
    }

    /** A malformed record of a grouped chunk, with the object named (the chunk's own description does not). */
    MalformedRecordException named(MalformedRecordException e) {
        String uri = location().toUri();
        if (chunk.objects() == null || e.getMessage().contains(uri)) {
            return e;
        }
        return new MalformedRecordException(e.byteOffset(), uri + ": " + e.getMessage());
    }

    /** A small object read ahead: its bytes and Content-Encoding. */
    private record Fetched(byte[] body, String contentEncoding) {
    }

    /** Starts fetching the small objects of the next {@link #READ_AHEAD} sources of a group. */
    private void readAhead() {
        if (chunk.objects() == null || format == InputFormat.JSON_ARRAY) {
            return;
        }
        for (int i = next; i < Math.min(sources.size(), next + READ_AHEAD); i++) {
            Source s = sources.get(i);
            if (ahead.containsKey(i) || s.size() == 0 || s.size() > READ_AHEAD_MAX_BYTES) {
                continue;
            }
            if (fetchers == null) {
                fetchers = Executors.newVirtualThreadPerTaskExecutor();
            }
            ahead.put(i, fetchers.submit(() -> {
                BlobStore.ObjectStream object = blobs.open(s.location(), s.etag());
                try (InputStream body = object.body()) {
                    return new Fetched(body.readAllBytes(), object.contentEncoding());
                }
            }));
        }
    }

    /** The object of source {@code index}: read ahead, or opened now. */
    private BlobStore.ObjectStream object(int index, Source source) {
        Future<Fetched> fetched = ahead.remove(index);
        if (fetched == null) {
            return blobs.open(source.location(), source.etag());
        }
        try {
            Fetched f = fetched.get();
            return new BlobStore.ObjectStream(new ByteArrayInputStream(f.body()), f.contentEncoding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while reading " + source.location(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StorageUnavailableException("reading " + source.location() + " failed", e.getCause());
        }
    }

    private void open(Source source) {
        int index = next - 1;
        readAhead();
        current = source;
        if (format == InputFormat.JSON_ARRAY) {
            // JSON ranges end exactly where the next element starts: nothing to read past the end.
            stream = new RangedObjectStream(blobs, source.location(), source.etag(), source.start(), source.end(),
                    source.end());
            cursor = RecordCursor.over(new JsonArrayRangeReader(stream, source.start()));
            return;
        }
        long end = source.end();
        if (source.whole() && source.size() > 0) {
            BlobStore.ObjectStream object = object(index, source);
            boolean gzip = source.compression() == Compression.GZIP || Compression.isGzip(object.contentEncoding());
            stream = gzip ? new GzipDecoder(object.body(), source.location().toUri()) : object.body();
            end = gzip ? TO_THE_END : end;
        } else {
            stream = new RangedObjectStream(blobs, source.location(), source.etag(),
                    TextRangeReader.readFrom(source.start()), source.end(), source.size());
        }
        TextRangeCursor text = new TextRangeCursor(stream, source.start(), end);
        if (format == InputFormat.JSON_LINES) {
            cursor = new JsonLinesCursor(text, badLines);
        } else {
            cursor = text;
            lines = text;
            headerPending = format == InputFormat.TEXT_LINES_WITH_HEADER;
        }
    }

    private void closeCurrent() {
        cursor = null;
        lines = null;
        headerPending = false;
        InputStream closing = stream;
        stream = null;
        if (closing != null) {
            try {
                closing.close();
            } catch (IOException e) {
                // the object was read to its end or abandoned; a failed close loses nothing
            }
        }
    }

    @Override
    public long offset() {
        TextRangeCursor l = lines;
        return l != null ? l.offset() : cursor().offset();
    }

    @Override
    public byte[] bytes() {
        TextRangeCursor l = lines;
        return l != null ? l.bytes() : cursor().bytes();
    }

    @Override
    public int start() {
        TextRangeCursor l = lines;
        return l != null ? l.start() : cursor().start();
    }

    @Override
    public int length() {
        TextRangeCursor l = lines;
        return l != null ? l.length() : cursor().length();
    }

    @Override
    public String text() {
        TextRangeCursor l = lines;
        return l != null ? l.text() : cursor().text();
    }

    @Override
    public String key() {
        return location().key();
    }

    private RecordCursor cursor() {
        if (cursor == null) {
            throw new IllegalStateException("no current record: next() was not called or returned false");
        }
        return cursor;
    }

    @Override
    public void close() {
        closeCurrent();
        ahead.values().forEach(f -> f.cancel(true));
        ahead.clear();
        if (fetchers != null) {
            fetchers.shutdownNow();
        }
    }
}
