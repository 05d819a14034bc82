package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import dev.fanout.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GroupedResultTest {
    /** Reference: Jackson writing a TreeMap of rows {count, sum, min, max, mean} as UTF-8. */
    private static String reference(Map<String, Stats> groups) throws IOException {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        groups.forEach((key, s) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", s.count());
            row.put("sum", s.sum());
            row.put("min", s.min());
            row.put("max", s.max());
            row.put("mean", s.mean());
            rows.put(key, row);
        });
        return new String(Json.mapper().writeValueAsBytes(rows), UTF_8);
    }

    @Test
    void csvAndJsonlResultsAreTheirRowsInKeyOrder_forRandomGroups() throws IOException {
        String[] alphabet = {"a", "B", "\u0000", "\u00e9", "\u8000", "\ud835\udd18", " ", "\""};
        Random random = new Random(5);
        for (GroupedAggregates job : new GroupedAggregates[] {new CsvAggregateJob(), new JsonlAggregateJob()}) {
            Map<String, Stats> groups = new HashMap<>();
            for (int k = 0; k < 3_000; k++) {
                StringBuilder key = new StringBuilder();
                for (int len = random.nextInt(4), c = 0; c < len; c++) {
                    key.append(alphabet[random.nextInt(alphabet.length)]);
                }
                BigDecimal a = BigDecimal.valueOf(random.nextLong(-100_000, 100_000), random.nextInt(4));
                BigDecimal b = BigDecimal.valueOf(random.nextLong(-100_000, 100_000), random.nextInt(4));
                groups.put(key.toString(), new Stats(1 + random.nextInt(50), a.add(b), a.min(b), a.max(b)));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            job.writeResult(groups, out);
            assertThat(out.toString(UTF_8)).isEqualTo(reference(groups));
        }
    }
}
