package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.internal.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code wordcount}'s partials and accumulator: the words as UTF-8 bytes, each once in a {@link ByteKeys} arena, with
 * their counts. The map phase fills one, {@link #encode} writes it and {@link #decode} reads it back without a String
 * per word, {@link #add} merges by bytes, and {@link #writeJson} writes the result in {@link String#compareTo} order
 * straight from the bytes ({@link SortedKeys#order(ByteKeys)}, {@link CountsWriter}). On the reducer of a 256 MiB
 * input (eight partials of 100,000 to 300,000 words) Strings, boxed counts and hash map nodes took most of its time.
 *
 * <p>To its callers it is an unmodifiable {@code Map<String, Long>}: lookups encode the String, iteration makes one
 * String per entry, in no particular order. Every key is well-formed UTF-8: the map phase encodes code points, and
 * {@link #decode} replaces an ill-formed sequence as {@code new String(bytes, UTF_8)} does. Not thread-safe.
 */
final class WordCounts extends AbstractMap<String, Long> {
    /** The {@link BinaryPartial} tag: the number of words, then each word and its count. */
    static final char TAG = 'W';

    private final ByteKeys words;

    WordCounts() {
        this(new ByteKeys());
    }

    WordCounts(ByteKeys words) {
        this.words = words;
    }

    /** A copy that changes independently of this one. */
    WordCounts copy() {
        return new WordCounts(words.copy());
    }

    /** Adds the counts of {@code other} to this one's; {@code other} does not change. */
    void add(WordCounts other) {
        words.addAll(other.words);
    }

    byte[] encode() {
        BinaryPartial.Writer out = new BinaryPartial.Writer(TAG, 16 + words.keyBytes() + 4 * words.size());
        out.varLong(words.size());
        byte[] arena = words.arena();
        for (int i = 0; i < words.size(); i++) {
            out.bytes(arena, words.start(i), words.length(i)).varLong(words.value(i));
        }
        return out.toByteArray();
    }

    /**
     * What {@link #encode}, or {@code WordCountJob}'s encoding of any {@code Map<String, Long>}, wrote. A word that
     * occurs twice keeps its last count, as a map's {@code put} would (no encoder writes one twice).
     */
    static WordCounts decode(byte[] bytes) {
        BinaryPartial.Reader in = new BinaryPartial.Reader(bytes, TAG, "wordcount");
        int n = in.count();
        ByteKeys words = new ByteKeys(n, bytes.length);
        for (int i = 0; i < n; i++) {
            long slice = in.slice();
            int from = (int) (slice >>> 32);
            int length = (int) slice;
            long count = in.varLong();
            if (Utf8.firstInvalid(bytes, from, length) < 0) {
                words.set(words.indexOf(bytes, from, length), count);
            } else {
                byte[] replaced = new String(bytes, from, length, UTF_8).getBytes(UTF_8);
                words.set(words.indexOf(replaced, 0, replaced.length), count);
            }
        }
        in.end();
        return new WordCounts(words);
    }

    /** The counts as one JSON object, keys in {@link String#compareTo} order, as the shared mapper writes it. */
    void writeJson(OutputStream out) throws IOException {
        int[] order = SortedKeys.order(words);
        byte[] arena = words.arena();
        try (CountsWriter json = new CountsWriter(out)) {
            for (int i : order) {
                json.write(arena, words.start(i), words.length(i), words.value(i));
            }
        }
    }

    @Override
    public int size() {
        return words.size();
    }

    @Override
    public Long get(Object key) {
        int entry = entryOf(key);
        return entry < 0 ? null : words.value(entry);
    }

    @Override
    public boolean containsKey(Object key) {
        return entryOf(key) >= 0;
    }

    /** The entry of a String key, -1 if there is none (a String with a lone surrogate has no UTF-8: none). */
    private int entryOf(Object key) {
        if (!(key instanceof String s) || !wellFormed(s)) {
            return -1;
        }
        byte[] bytes = s.getBytes(UTF_8);
        return words.lookup(bytes, 0, bytes.length);
    }

    private static boolean wellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Long> action) {
        for (int i = 0; i < words.size(); i++) {
            action.accept(words.key(i), words.value(i));
        }
    }

    @Override
    public Set<Map.Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Long>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < words.size();
                    }

                    @Override
                    public Map.Entry<String, Long> next() {
                        if (next >= words.size()) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(words.key(i), words.value(i));
                    }
                };
            }

            @Override
            public int size() {
                return words.size();
            }
        };
    }
}
