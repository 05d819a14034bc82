package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Numbers distinct byte strings (UTF-8 keys: words, group names) 0, 1, 2, ... without allocating per lookup:
 * open addressing over an arena that holds each distinct key once, so the jobs keep their values in arrays
 * indexed by key number, or in the one {@code long} each key carries here ({@link #add}, {@link #value}). Only
 * {@link #key(int)} makes a String. Not thread-safe.
 *
 * <p>Layout, so that a lookup touches few cache lines: a slot is one {@code long}, the key's hash beside its
 * number, and a probe compares the hash before anything else; an entry is four {@code long}s in one array (arena
 * start and length, the value, the key's first 16 bytes zero-padded), so a key of at most 16 bytes is compared,
 * and its value counted, without reading the arena.
 */
final class ByteKeys {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int ENTRY = 4;     // longs per entry: start << 32 | length, value, bytes 0..7, bytes 8..15
    private static final int INLINE = 16;   // key bytes held in the entry

    private byte[] arena;
    private int arenaSize;
    private long[] slots;   // hash << 32 | entry + 1; 0 = empty
    private long[] entries;
    private int size;

    ByteKeys() {
        this(1 << 11, 1 << 16);
    }

    /** Room for {@code keys} keys of {@code bytes} bytes in all before anything grows. */
    ByteKeys(int keys, int bytes) {
        int n = Math.max(keys, 16);
        arena = new byte[Math.max(bytes, 16)];
        entries = new long[ENTRY * n];
        slots = new long[Integer.highestOneBit(2 * n - 1) << 1]; // at least 2n: size * 2 <= slots.length
    }

    private ByteKeys(ByteKeys from) {
        arena = Arrays.copyOf(from.arena, Math.max(from.arenaSize, 16));
        arenaSize = from.arenaSize;
        slots = from.slots.clone();
        entries = Arrays.copyOf(from.entries, Math.max(from.size, 16) * ENTRY);
        size = from.size;
    }

    /** A copy that changes independently of this one. */
    ByteKeys copy() {
        return new ByteKeys(this);
    }

    /** The number of key {@code bytes[from, from + length)}, whose {@link #hash} is {@code hash}; new keys get {@link #size()}. */
    int indexOf(byte[] bytes, int from, int length, int hash) {
        long first = head(bytes, from, length, 0);
        long second = head(bytes, from, length, 8);
        return find(bytes, from, length, hash, first, second);
    }

    /**
     * {@link #indexOf(byte[], int, int, int)} with the {@link #hash} computed here. {@link #head} and {@link #hash}
     * are written out for the usual key (16 bytes readable from {@code from}, at most 16 long), so that code
     * compiled by the client compiler alone, which does not inline methods that large, makes one call here
     * ({@link #find}) rather than four.
     */
    int indexOf(byte[] bytes, int from, int length) {
        long first;
        long second;
        if (from + INLINE <= bytes.length) {
            first = (long) LONGS.get(bytes, from) & mask(length);
            second = (long) LONGS.get(bytes, from + 8) & mask(length - 8);
        } else {
            first = head(bytes, from, length, 0);
            second = head(bytes, from, length, 8);
        }
        long h = headHash(first, second, length);
        if (length > INLINE) {
            h = restHash(h, bytes, from, length);
        }
        return find(bytes, from, length, fold(h), first, second);
    }

    private int find(byte[] bytes, int from, int length, int hash, long first, long second) {
        long tagged = (long) hash << 32;
        long[] s = slots;
        long[] e = entries;
        int m = s.length - 1;
        for (int slot = mix(hash) & m; ; slot = (slot + 1) & m) {
            long v = s[slot];
            if (v == 0) {
                return insert(slot, bytes, from, length, hash, first, second);
            }
            if ((v & 0xFFFF_FFFF_0000_0000L) == tagged) {
                int entry = (int) v - 1;
                int at = entry * ENTRY;
                long info = e[at];
                if ((int) info == length && e[at + 2] == first && e[at + 3] == second
                        && (length <= INLINE || restEquals((int) (info >>> 32), bytes, from, length))) {
                    return entry;
                }
            }
        }
    }

    /** Adds {@code delta} to the value of key {@code bytes[from, from + length)} (see {@link #indexOf}). */
    void add(byte[] bytes, int from, int length, long delta) {
        int entry = indexOf(bytes, from, length); // may grow entries
        entries[entry * ENTRY + 1] += delta;
    }

    /** The value of key number {@code entry}: the sum of what {@link #add} added to it, 0 if nothing. */
    long value(int entry) {
        return entries[entry * ENTRY + 1];
    }

    /** Sets the value of key number {@code entry}. */
    void set(int entry, long value) {
        entries[entry * ENTRY + 1] = value;
    }

    /**
     * Adds every key of {@code other} with its value (values of a key both hold are summed); {@code other} does not
     * change. Each key is compared and hashed from the 16 bytes its entry holds, so only longer keys read the
     * other arena before a key is found new.
     */
    void addAll(ByteKeys other) {
        long[] from = other.entries;
        byte[] bytes = other.arena;
        for (int i = 0, n = other.size; i < n; i++) {
            int at = i * ENTRY;
            long info = from[at];
            int start = (int) (info >>> 32);
            int length = (int) info;
            long first = from[at + 2];
            long second = from[at + 3];
            int entry = find(bytes, start, length, hash(bytes, start, length, first, second), first, second);
            entries[entry * ENTRY + 1] += from[at + 1]; // after find, which may grow entries
        }
    }

    /** The number of key {@code bytes[from, from + length)}, or -1 if it is not a key; adds nothing. */
    int lookup(byte[] bytes, int from, int length) {
        long first = head(bytes, from, length, 0);
        long second = head(bytes, from, length, 8);
        int hash = hash(bytes, from, length, first, second);
        long tagged = (long) hash << 32;
        int m = slots.length - 1;
        for (int slot = mix(hash) & m; ; slot = (slot + 1) & m) {
            long v = slots[slot];
            if (v == 0) {
                return -1;
            }
            if ((v & 0xFFFF_FFFF_0000_0000L) == tagged) {
                int entry = (int) v - 1;
                int at = entry * ENTRY;
                long info = entries[at];
                if ((int) info == length && entries[at + 2] == first && entries[at + 3] == second
                        && (length <= INLINE || restEquals((int) (info >>> 32), bytes, from, length))) {
                    return entry;
                }
            }
        }
    }

    /**
     * The hash {@link #indexOf} expects: the key's first 16 bytes taken as two longs and multiplied, the rest
     * added {@code h = 31 * h + b}.
     */
    static int hash(byte[] bytes, int from, int length) {
        return hash(bytes, from, length, head(bytes, from, length, 0), head(bytes, from, length, 8));
    }

    private static int hash(byte[] bytes, int from, int length, long first, long second) {
        return fold(restHash(headHash(first, second, length), bytes, from, length));
    }

    private static long headHash(long first, long second, int length) {
        return (first * 0x9E3779B97F4A7C15L + second) * 0xC2B2AE3D27D4EB4FL + length;
    }

    /** {@code h} with the key's bytes past the first 16 added. */
    private static long restHash(long h, byte[] bytes, int from, int length) {
        for (int i = from + INLINE, end = from + length; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    private static int fold(long h) {
        return (int) (h ^ h >>> 32);
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    /** The low {@code n} bytes of a little-endian long (all for 8 or more, none for 0 or less). */
    private static long mask(int n) {
        return n >= 8 ? -1L : n <= 0 ? 0 : ~(-1L << (n << 3));
    }

    /** Bytes {@code [offset, offset + 8)} of the key as a little-endian long, zero past the key's end. */
    private static long head(byte[] bytes, int from, int length, int offset) {
        if (from + offset + 8 <= bytes.length) {
            return (long) LONGS.get(bytes, from + offset) & mask(length - offset);
        }
        long v = 0;
        for (int k = Math.min(length, offset + 8) - 1; k >= offset; k--) {
            v = v << 8 | (bytes[from + k] & 0xFF);
        }
        return v;
    }

    private boolean restEquals(int start, byte[] bytes, int from, int length) {
        return Arrays.equals(arena, start + INLINE, start + length, bytes, from + INLINE, from + length);
    }

    private int insert(int slot, byte[] bytes, int from, int length, int hash, long first, long second) {
        if (arenaSize + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arenaSize + length, arena.length * 2));
        }
        System.arraycopy(bytes, from, arena, arenaSize, length);
        if ((size + 1) * ENTRY > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        int entry = size;
        int at = entry * ENTRY;
        entries[at] = (long) arenaSize << 32 | length;
        entries[at + 2] = first;
        entries[at + 3] = second;
        arenaSize += length;
        slots[slot] = (long) hash << 32 | ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return entry;
    }

    private void rehash() {
        long[] bigger = new long[slots.length * 2];
        int m = bigger.length - 1;
        for (long v : slots) {
            if (v != 0) {
                int slot = mix((int) (v >>> 32)) & m;
                while (bigger[slot] != 0) {
                    slot = (slot + 1) & m;
                }
                bigger[slot] = v;
            }
        }
        slots = bigger;
    }

    int size() {
        return size;
    }

    /** The array that holds the keys' bytes; valid until the next key is added. */
    byte[] arena() {
        return arena;
    }

    /** Where key number {@code entry} starts in {@link #arena()}. */
    int start(int entry) {
        return (int) (entries[entry * ENTRY] >>> 32);
    }

    /** The length in bytes of key number {@code entry}. */
    int length(int entry) {
        return (int) entries[entry * ENTRY];
    }

    /** The bytes of all keys together. */
    int keyBytes() {
        return arenaSize;
    }

    /** Key number {@code entry} as a String. */
    String key(int entry) {
        long info = entries[entry * ENTRY];
        return new String(arena, (int) (info >>> 32), (int) info, UTF_8);
    }
}
