package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.TestStateRequest;

/**
 * What TestState shows of one state's run: the value after each data-processing step (InspectionData), and the
 * mock and configuration of the test. Only a TestState run has one; executions pay nothing for it.
 */
final class Probe {
    final TestStateRequest.Mock mock;
    final TestStateRequest.Configuration config;
    JsonNode afterInputPath;
    JsonNode afterParameters;
    JsonNode afterArguments;
    JsonNode result;
    JsonNode afterResultSelector;
    JsonNode afterResultPath;
    JsonNode afterItemsPath;
    JsonNode afterItemSelector;
    JsonNode afterItemBatcher;
    Long toleratedFailureCount;
    Double toleratedFailurePercentage;
    Integer maxConcurrency;

    Probe(TestStateRequest.Mock mock, TestStateRequest.Configuration config) {
        this.mock = mock;
        this.config = config;
    }

    /** The mocked result of the state's work, or its mocked error thrown as the state's error. */
    JsonNode mockedResult() {
        if (mock.isError()) {
            throw StatesError.reported(mock.error(), mock.cause());
        }
        try {
            return Payloads.MAPPER.readTree(mock.result());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The mock result is not valid JSON: " + e.getOriginalMessage());
        }
    }

    int retrierRetryCount() {
        return config == null || config.retrierRetryCount() == null ? 0 : config.retrierRetryCount();
    }
}
