package dev.fanout.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.fanout.tests.support.InputFiles;
import dev.fanout.tests.support.LocalPipeline;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code jsonl-aggregate} over JSON Lines, plain and gzipped, against an aggregation done here. */
class JsonLinesIT {
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline();

    /** Decimals as written (the default reads them as doubles). */
    private static final ObjectReader EXACT = LocalPipeline.JSON.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String[] COUNTRIES = {"no", "se", "dk", "fi", "is", "de", "fr"};

    /** The generated records and what aggregating them gives, computed while writing them. */
    private record Events(byte[] text, Map<String, BigDecimal[]> expected) {
    }

    /** {count, sum, min, max} per country of about {@code bytes} of records with nested fields to skip. */
    private static Events events(int bytes, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        Map<String, BigDecimal[]> expected = new TreeMap<>();
        for (int i = 0; text.length() < bytes; i++) {
            String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(200_001) - 100_000, 2);
            text.append("{\"id\":").append(i).append(",\"tags\":[\"a\",{\"deep\":[1,2]}],\"country\":\"")
                    .append(country).append("\",\"amount\":").append(amount.toPlainString())
                    .append(random.nextBoolean() ? ",\"note\":\"naïve \\\"quote\\\"\"}" : "}")
                    .append(random.nextInt(20) == 0 ? "\r\n" : "\n");
            BigDecimal[] s = expected.computeIfAbsent(country, k -> new BigDecimal[] {BigDecimal.ZERO,
                    BigDecimal.ZERO, amount, amount});
            s[0] = s[0].add(BigDecimal.ONE);
            s[1] = s[1].add(amount);
            s[2] = s[2].min(amount);
            s[3] = s[3].max(amount);
        }
        return new Events(text.toString().getBytes(UTF_8), expected);
    }

    private static void assertAggregates(JsonNode result, Map<String, BigDecimal[]> expected) {
        assertThat(result.size()).isEqualTo(expected.size());
        expected.forEach((country, s) -> {
            JsonNode row = result.path(country);
            assertThat(row.path("count").asLong()).as(country).isEqualTo(s[0].longValue());
            assertThat(row.path("sum").decimalValue()).as(country).isEqualByComparingTo(s[1]);
            assertThat(row.path("min").decimalValue()).as(country).isEqualByComparingTo(s[2]);
            assertThat(row.path("max").decimalValue()).as(country).isEqualByComparingTo(s[3]);
            assertThat(row.path("mean").decimalValue()).as(country).isEqualByComparingTo(
                    s[1].divide(s[0], MathContext.DECIMAL64));
        });
    }

    private static JsonNode exact(String json) throws java.io.IOException {
        return EXACT.readTree(json);
    }

    private static String job(String inputField, String uri, String options) {
        return "{\"jobType\":\"jsonl-aggregate\",\"input\":{\"" + inputField + "\":\"" + uri + "\"},"
                + "\"chunkSizeBytes\":65536,\"options\":{\"group-by\":\"country\",\"value\":\"amount\"" + options + "}}";
    }

    @Test
    void aggregatesPlainAndGzippedJsonLines_likeAnIndependentAggregation() throws Exception {
        Events events = events(1 << 20, 1);
        String plain = pipeline.putInput("events/good/plain/all.jsonl", events.text());
        String zipped = pipeline.putInput("events/good/zipped/all.jsonl.gz", InputFiles.gzip(events.text()));

        JsonNode fromPlain = exact(pipeline.awaitResult(pipeline.submit(job("s3Uri", plain, ""))));
        JsonNode fromZipped = exact(pipeline.awaitResult(pipeline.submit(job("s3Uri", zipped, ""))));

        assertAggregates(fromPlain, events.expected());
        assertThat(fromZipped).isEqualTo(fromPlain);

        // the same over a prefix holding both: every record twice
        JsonNode both = exact(pipeline.awaitResult(pipeline.submit(job("s3Prefix", "s3://"
                + pipeline.runtime().inputBucket() + "/events/good/", ""))));
        events.expected().forEach((c, s) -> assertThat(both.path(c).path("count").asLong()).isEqualTo(2 * s[0]
                .longValue()));
    }

    @Test
    void aMalformedLineFailsTheJobNamingChunkAndOffset_orIsSkippedAndCountedWithTheOption() throws Exception {
        Events events = events(300_000, 2);
        String text = new String(events.text(), UTF_8);
        int cut = text.indexOf('\n', 150_000) + 1;
        String bad = "{\"country\":\"no\",\"amount\": not json}\n";
        String missing = "{\"country\":\"no\"}\n";
        byte[] input = (text.substring(0, cut) + bad + missing + text.substring(cut)).getBytes(UTF_8);
        long badOffset = text.substring(0, cut).getBytes(UTF_8).length;
        String uri = pipeline.putInput("events/bad/one-bad-line.jsonl", input);

        JsonNode failed = pipeline.awaitEnd(pipeline.submit(job("s3Uri", uri, "")));
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("cause").asText()).contains("chunk " + badOffset / 65536 + " of ")
                .contains("byte offset " + badOffset).doesNotContain("not json");

        String skipped = pipeline.submit(job("s3Uri", uri, ",\"on-bad-record\":\"skip\""));
        assertAggregates(exact(pipeline.awaitResult(skipped)), events.expected());
        JsonNode summary = pipeline.json(pipeline.read(pipeline.awaitEnd(skipped).path("summaryUri").asText()));
        assertThat(summary.path("skippedRecords").asLong()).isEqualTo(2);
    }
}
