package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The 256 KiB payload quota of Step Functions (UTF-8 bytes of the JSON text). */
final class Payloads {
    static final int LIMIT = 262_144;
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Payloads() {}

    /** Fails with States.DataLimitExceeded when the result of a state exceeds the quota. */
    static void check(JsonNode node, String stateName) {
        if (node != null && exceeds(node)) {
            throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    static boolean exceeds(JsonNode node) {
        return upperBound(node, 0) > LIMIT && size(node) > LIMIT;
    }

    /**
     * A cheap upper bound of the serialized size (as if every character needed a six-character escape): only
     * payloads that might be near the quota pay for an exact count. Stops adding once past the quota.
     */
    private static long upperBound(JsonNode node, long sofar) {
        if (sofar > LIMIT) {
            return sofar;
        }
        switch (node.getNodeType()) {
            case STRING:
                return sofar + node.textValue().length() * 6L + 2;
            case ARRAY: {
                long total = sofar + 2;
                for (int i = 0; i < node.size() && total <= LIMIT; i++) {
                    total = upperBound(node.get(i), total + 1);
                }
                return total;
            }
            case OBJECT: {
                long total = sofar + 2;
                var it = node.fields();
                while (it.hasNext() && total <= LIMIT) {
                    var e = it.next();
                    total = upperBound(e.getValue(), total + e.getKey().length() * 6L + 4);
                }
                return total;
            }
            case BINARY:
                return sofar + LIMIT + 1;
            default:
                return sofar + 40;
        }
    }

    /** UTF-8 length of the compact JSON text, counting no further than just past the quota. */
    static long size(JsonNode node) {
        Counter c = new Counter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(c)) {
            MAPPER.writeTree(g, node);
        } catch (Full full) {
            return c.count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c.count;
    }

    private static final class Full extends IOException {
        Full() {
            super(null, null);
        }
    }

    private static final class Counter extends OutputStream {
        long count;

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(int n) throws IOException {
            count += n;
            if (count > LIMIT) {
                throw new Full();
            }
        }
    }
}
