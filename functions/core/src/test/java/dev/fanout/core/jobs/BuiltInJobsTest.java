package dev.fanout.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.JobRegistry;
import org.junit.jupiter.api.Test;

class BuiltInJobsTest {
    @Test
    void theRegistryFindsTheFiveBuiltInJobs() {
        JobRegistry registry = JobRegistry.load();
        assertThat(registry.names()).containsExactly("csv-aggregate", "double", "grep", "jsonl-aggregate", "wordcount");
        assertThat(registry.require("wordcount").inputFormat()).isEqualTo(InputFormat.TEXT_LINES);
        assertThat(registry.require("csv-aggregate").inputFormat()).isEqualTo(InputFormat.TEXT_LINES_WITH_HEADER);
        assertThat(registry.require("double").inputFormat()).isEqualTo(InputFormat.JSON_ARRAY);
        assertThat(registry.require("jsonl-aggregate").inputFormat()).isEqualTo(InputFormat.JSON_LINES);
        assertThat(registry.require("grep").inputFormat()).isEqualTo(InputFormat.TEXT_LINES);
        assertThat(registry.require("grep")).isInstanceOf(dev.fanout.core.job.MapOnlyJob.class);
    }
}
