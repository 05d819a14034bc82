package dev.fanout.asl.internal.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Map-specific fields.
 *
 * @param items           JSONPath {@code ItemsPath} (as {@code path}) or JSONata {@code Items} (as {@code literal})
 * @param itemSelector    {@code ItemSelector} (or the legacy {@code Parameters}), or null
 * @param reader          {@code ItemReader}, or null (items come from the input)
 * @param batcher         {@code ItemBatcher}, or null
 * @param writer          {@code ResultWriter}, or null
 * @param label           {@code Label}, or null
 */
public record MapSpec(boolean distributed, boolean expressChildren, Dynamic items, JsonNode itemSelector,
                      Dynamic maxConcurrency, Dynamic toleratedFailurePercentage, Dynamic toleratedFailureCount,
                      ItemReaderSpec reader, ItemBatcherSpec batcher, ResultWriterSpec writer, String label) {

    /** {@code ItemReader} over {@code arn:aws:states:::s3:getObject}. */
    public record ItemReaderSpec(JsonNode parameters, InputType inputType, boolean csvHeaderFromFirstRow,
                                 java.util.List<String> csvHeaders, String csvDelimiter, Dynamic maxItems) {
        public ItemReaderSpec {
            csvHeaders = csvHeaders == null ? null : java.util.List.copyOf(csvHeaders);
        }
    }

    public enum InputType { JSON, JSONL, CSV }

    /** {@code ItemBatcher}. */
    public record ItemBatcherSpec(Dynamic maxItemsPerBatch, Dynamic maxInputBytesPerBatch, JsonNode batchInput) {
    }

    /** {@code ResultWriter} over {@code arn:aws:states:::s3:putObject}. */
    public record ResultWriterSpec(JsonNode parameters) {
    }
}
