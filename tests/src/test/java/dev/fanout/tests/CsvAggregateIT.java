package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.tests.support.LocalPipeline;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code csv-aggregate} through the local pipeline, compared with aggregates computed from the generated rows. */
class CsvAggregateIT {
    private static final String[] CITIES = {"Lisbon", "Oslo", "Springfield, IL", "Kyoto", "Quito", "Perth"};
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline();

    /** One group's expected aggregates, kept by hand. */
    private static final class Expected {
        long count;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal min;
        BigDecimal max;

        void add(BigDecimal v) {
            count++;
            sum = sum.add(v);
            min = min == null || v.compareTo(min) < 0 ? v : min;
            max = max == null || v.compareTo(max) > 0 ? v : max;
        }
    }

    @Test
    void aggregatesByGroupLikeAnIndependentComputation() {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("id,city,amount,note\n");
        Map<String, Expected> expected = new TreeMap<>();
        for (int id = 1; csv.length() < (1 << 20); id++) {
            String city = CITIES[random.nextInt(CITIES.length)];
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(2_000_000) - 500_000, 2);
            expected.computeIfAbsent(city, c -> new Expected()).add(amount);
            String cityField = city.contains(",") ? "\"" + city + "\"" : city;
            csv.append(id).append(',').append(cityField).append(',').append(amount.toPlainString())
                    .append(',').append(random.nextBoolean() ? "\"quoted, with comma\"" : "plain").append('\n');
        }
        String uri = pipeline.putInput("tables/orders.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        String jobId = pipeline.submit("{\"jobType\":\"csv-aggregate\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeBytes\":8192,\"options\":{\"group-by\":\"city\",\"value\":\"amount\"}}");
        JsonNode result = pipeline.json(pipeline.awaitResult(jobId));

        List<String> groups = new ArrayList<>();
        result.fieldNames().forEachRemaining(groups::add);
        assertThat(groups).containsExactlyElementsOf(expected.keySet());
        expected.forEach((city, e) -> {
            JsonNode got = result.get(city);
            assertThat(got.get("count").asLong()).as(city + " count").isEqualTo(e.count);
            assertThat(got.get("sum").decimalValue()).as(city + " sum").isEqualByComparingTo(e.sum);
            assertThat(got.get("min").decimalValue()).as(city + " min").isEqualByComparingTo(e.min);
            assertThat(got.get("max").decimalValue()).as(city + " max").isEqualByComparingTo(e.max);
            BigDecimal mean = e.sum.divide(BigDecimal.valueOf(e.count), MathContext.DECIMAL64);
            assertThat(got.get("mean").decimalValue().subtract(mean).abs())
                    .as(city + " mean").isLessThan(new BigDecimal("1e-9"));
        });
        JsonNode view = pipeline.awaitEnd(jobId);
        assertThat(view.path("chunksTotal").asLong()).isGreaterThanOrEqualTo(100);
    }
}
