package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/**
 * Numbers distinct byte strings (UTF-8 keys: words, group names) 0, 1, 2, ... without allocating per lookup:
 * open addressing over an arena that holds each distinct key once, so the jobs keep their values in arrays
 * indexed by key number. Only {@link #key(int)} makes a String. Not thread-safe.
 */
final class ByteKeys {
    private byte[] arena = new byte[1 << 16];
    private int arenaSize;
    private int[] slots = new int[1 << 12];   // entry index + 1; 0 = empty
    private int[] keyStart = new int[1 << 11];
    private int[] keyLength = new int[1 << 11];
    private int[] hashes = new int[1 << 11];
    private int size;

    /** The number of key {@code bytes[from, from + length)}, whose {@link #hash} is {@code hash}; new keys get {@link #size()}. */
    int indexOf(byte[] bytes, int from, int length, int hash) {
        int mask = slots.length - 1;
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (entry < 0) {
                return insert(slot, bytes, from, length, hash);
            }
            if (hashes[entry] == hash && keyLength[entry] == length
                    && Arrays.equals(arena, keyStart[entry], keyStart[entry] + length, bytes, from, from + length)) {
                return entry;
            }
        }
    }

    /** The hash {@link #indexOf} expects: {@code h = 31 * h + b} over the bytes. */
    static int hash(byte[] bytes, int from, int length) {
        int h = 0;
        for (int i = from, end = from + length; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    private int insert(int slot, byte[] bytes, int from, int length, int hash) {
        if (arenaSize + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arenaSize + length, arena.length * 2));
        }
        System.arraycopy(bytes, from, arena, arenaSize, length);
        if (size == hashes.length) {
            int n = size * 2;
            keyStart = Arrays.copyOf(keyStart, n);
            keyLength = Arrays.copyOf(keyLength, n);
            hashes = Arrays.copyOf(hashes, n);
        }
        int entry = size;
        keyStart[entry] = arenaSize;
        keyLength[entry] = length;
        hashes[entry] = hash;
        arenaSize += length;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return entry;
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int entry = 0; entry < size; entry++) {
            int slot = mix(hashes[entry]) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = entry + 1;
        }
        slots = bigger;
    }

    int size() {
        return size;
    }

    /** Key number {@code entry} as a String. */
    String key(int entry) {
        return new String(arena, keyStart[entry], keyLength[entry], UTF_8);
    }
}
