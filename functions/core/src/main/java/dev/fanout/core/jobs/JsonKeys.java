package dev.fanout.core.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.fanout.core.internal.Utf8;
import dev.fanout.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A result's keys as the shared Jackson generator writes them, for the writers that build a result's bytes
 * themselves ({@link CountsWriter}, {@link GroupedResultWriter}): quoted UTF-8 as it is, unless a char needs one of
 * the generator's escapes (quote, backslash, control characters) or is a surrogate; those keys go through the
 * generator.
 */
final class JsonKeys {
    private JsonKeys() {
    }

    /**
     * Writes {@code key} in quotes as UTF-8 into {@code b} from {@code p} (which has room for 3 bytes per char and
     * the quotes) and returns where it ends, or -1 if the generator would escape something in it (what was written
     * then does not count).
     */
    static int writePlain(String key, byte[] b, int p) {
        b[p++] = '"';
        int n = key.length();
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == '"' || c == '\\') {
                    return -1;
                }
                b[p++] = (byte) c;
            } else if (!Character.isSurrogate(c)) {
                p = Utf8.encode(c, b, p);
            } else {
                return -1;
            }
        }
        b[p++] = '"';
        return p;
    }

    /** Rare: the key with the generator's own quoting and escapes. */
    static byte[] quoted(String key) throws IOException {
        ByteArrayOutputStream quoted = new ByteArrayOutputStream(key.length() + 16);
        try (JsonGenerator json = Json.mapper().createGenerator(quoted)) {
            json.writeString(key);
        }
        return quoted.toByteArray();
    }
}
