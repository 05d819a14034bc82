package dev.fanout.core.model;

import java.util.Locale;

/** How an input object is compressed. A compressed object is never split: it is read whole, as a stream. */
public enum Compression {
    /** RFC 1952 gzip (one member or several concatenated), as {@code gzip} writes it. */
    GZIP;

    /** Key suffix that marks a gzip object. */
    public static final String GZIP_SUFFIX = ".gz";

    /** GZIP for a key ending in {@code .gz} or a {@code Content-Encoding} of {@code gzip}; null otherwise. */
    public static Compression of(String key, String contentEncoding) {
        if (key.toLowerCase(Locale.ROOT).endsWith(GZIP_SUFFIX) || isGzip(contentEncoding)) {
            return GZIP;
        }
        return null;
    }

    /** Whether a Content-Encoding header names gzip (it may list several codings, e.g. {@code gzip} or {@code x-gzip}). */
    public static boolean isGzip(String contentEncoding) {
        if (contentEncoding == null) {
            return false;
        }
        for (String coding : contentEncoding.split(",")) {
            String c = coding.trim().toLowerCase(Locale.ROOT);
            if (c.equals("gzip") || c.equals("x-gzip")) {
                return true;
            }
        }
        return false;
    }
}
