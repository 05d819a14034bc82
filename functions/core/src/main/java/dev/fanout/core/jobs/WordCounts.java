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

    /** The table; null while the counts are still only {@link #encoded}. */
    private ByteKeys words;
    /** A decoded partial not read into a table yet (checked: well-formed, every word well-formed UTF-8), or null. */
    private byte[] encoded;
    private int encodedWords;

    WordCounts() {
        this(new ByteKeys());
    }

    WordCounts(ByteKeys words) {
        this.words = words;
    }

    private WordCounts(byte[] encoded, int words) {
        this.encoded = encoded;
        this.encodedWords = words;
    }

    /** The table, read from the encoded partial the first time it is needed. */
    private ByteKeys words() {
        if (words == null) {
            words = new ByteKeys(encodedWords, encoded.length);
            read(encoded, words, true);
            encoded = null;
        }
        return words;
    }

    /** A copy that changes independently of this one. */
    WordCounts copy() {
        return encoded != null ? new WordCounts(encoded, encodedWords) : new WordCounts(words.copy());
    }

    /** Adds the counts of {@code other} to this one's; {@code other} does not change. */
    void add(WordCounts other) {
        if (other.encoded != null) {
            read(other.encoded, words(), true);
        } else {
            words().addAll(other.words);
        }
    }

    /**
     * The sum of this and {@code other}, in the one of them that takes less work: a decoded partial is read straight
     * into the other's table, one lookup per word; of two tables, the smaller is added into the larger. May change
     * both, as {@code Job.merge} may.
     */
    WordCounts merge(WordCounts other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        if (other.encoded != null || words().size() >= other.words().size()) {
            add(other);
            return this;
        }
        other.add(this);
        return other;
    }

    byte[] encode() {
        if (encoded != null) {
            return encoded.clone();
        }
        BinaryPartial.Writer out = new BinaryPartial.Writer(TAG, 16 + words.keyBytes() + 4 * words.size());
        out.varLong(words.size());
        byte[] arena = words.arena();
        for (int i = 0; i < words.size(); i++) {
            out.bytes(arena, words.start(i), words.length(i)).varLong(words.value(i));
        }
        return out.toByteArray();
    }

    /**
     * What {@link #encode}, or {@code WordCountJob}'s encoding of any {@code Map<String, Long>}, wrote: checked
     * here, in one pass that makes nothing, and read into a table only when needed — into the accumulator's, by
     * {@link #merge}, so each word of a partial is looked up once on the reducer. A partial with ill-formed UTF-8
     * is read at once, each such word as {@code new String(bytes, UTF_8)} reads it. A word that occurs twice in a
     * partial (no encoder writes one) counts twice.
     */
    static WordCounts decode(byte[] bytes) {
        BinaryPartial.Reader in = new BinaryPartial.Reader(bytes, TAG, "wordcount");
        int n = in.count();
        boolean wellFormed = true;
        for (int i = 0; i < n; i++) {
            long slice = in.slice();
            in.varLong();
            wellFormed &= Utf8.firstInvalid(bytes, (int) (slice >>> 32), (int) slice) < 0;
        }
        in.end();
        if (wellFormed) {
            return new WordCounts(bytes, n);
        }
        ByteKeys words = new ByteKeys(n, bytes.length);
        read(bytes, words, false);
        return new WordCounts(words);
    }

    /** Adds the counts of a checked partial to {@code words}; {@code wellFormed} if no word needs replacements. */
    private static void read(byte[] bytes, ByteKeys words, boolean wellFormed) {
        BinaryPartial.Reader in = new BinaryPartial.Reader(bytes, TAG, "wordcount");
        for (int i = 0, n = in.count(); i < n; i++) {
            long slice = in.slice();
            int from = (int) (slice >>> 32);
            int length = (int) slice;
            long count = in.varLong();
            if (wellFormed || Utf8.firstInvalid(bytes, from, length) < 0) {
                words.add(bytes, from, length, count);
            } else {
                byte[] replaced = new String(bytes, from, length, UTF_8).getBytes(UTF_8);
                words.add(replaced, 0, replaced.length, count);
            }
        }
    }

    /** The counts as one JSON object, keys in {@link String#compareTo} order, as the shared mapper writes it. */
    void writeJson(OutputStream out) throws IOException {
        ByteKeys words = words();
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
        return words().size();
    }

    @Override
    public boolean isEmpty() {
        return encoded != null ? encodedWords == 0 : words.size() == 0;
    }

    @Override
    public Long get(Object key) {
        int entry = entryOf(key);
        return entry < 0 ? null : words().value(entry);
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
        return words().lookup(bytes, 0, bytes.length);
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
        ByteKeys words = words();
        for (int i = 0; i < words.size(); i++) {
            action.accept(words.key(i), words.value(i));
        }
    }

    @Override
    public Set<Map.Entry<String, Long>> entrySet() {
        ByteKeys words = words();
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
