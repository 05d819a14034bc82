package dev.fanout.asl.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.Execution;
import dev.fanout.asl.HistoryEvent;
import dev.fanout.asl.ItemCounts;
import dev.fanout.asl.MapRun;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The JSON shapes of the Step Functions API: timestamps are epoch seconds with a fraction, as AWS sends them. */
final class WireFormat {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireFormat() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    static ObjectNode stateMachine(StateMachineInfo info) {
        ObjectNode node = object()
                .put("stateMachineArn", info.arn())
                .put("name", info.name())
                .put("status", "ACTIVE")
                .put("definition", info.definition())
                .put("roleArn", info.roleArn())
                .put("type", info.type().name())
                .put("creationDate", epochSeconds(info.creationDate()));
        node.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        node.putObject("tracingConfiguration").put("enabled", false);
        return node;
    }

    static ObjectNode stateMachineListItem(StateMachineInfo info) {
        return object()
                .put("stateMachineArn", info.arn())
                .put("name", info.name())
                .put("type", info.type().name())
                .put("creationDate", epochSeconds(info.creationDate()));
    }

    static ObjectNode execution(Execution execution, StepFunctionsService.Redrivability redrive) {
        ObjectNode node = executionListItem(execution);
        node.put("redriveStatus", redrive.status().name());
        if (redrive.reason() != null) {
            node.put("redriveStatusReason", redrive.reason());
        }
        node.put("input", execution.input());
        node.putObject("inputDetails").put("included", true);
        execution.output().ifPresent(output -> {
            node.put("output", output);
            node.putObject("outputDetails").put("included", true);
        });
        execution.error().ifPresent(error -> node.put("error", error));
        execution.cause().ifPresent(cause -> node.put("cause", cause));
        return node;
    }

    static ObjectNode executionListItem(Execution execution) {
        ObjectNode node = object()
                .put("executionArn", execution.arn())
                .put("stateMachineArn", execution.stateMachineArn())
                .put("name", execution.name())
                .put("status", execution.status().name())
                .put("startDate", epochSeconds(execution.startDate()));
        putDate(node, "stopDate", execution.stopDate());
        execution.mapRunArn().ifPresent(arn -> node.put("mapRunArn", arn));
        node.put("redriveCount", execution.redriveCount());
        putDate(node, "redriveDate", execution.redriveDate());
        return node;
    }

    static ObjectNode historyEvent(HistoryEvent event) {
        ObjectNode node = object()
                .put("timestamp", epochSeconds(event.timestamp()))
                .put("type", event.type())
                .put("id", event.id())
                .put("previousEventId", event.previousEventId());
        if (event.detailsKey() != null && event.details() != null) {
            node.set(event.detailsKey(), event.details().deepCopy());
        }
        return node;
    }

    static ObjectNode mapRun(MapRun run) {
        ObjectNode node = object()
                .put("mapRunArn", run.arn())
                .put("executionArn", run.executionArn())
                .put("status", run.status().name())
                .put("startDate", epochSeconds(run.startDate()))
                .put("maxConcurrency", run.maxConcurrency())
                .put("toleratedFailurePercentage", run.toleratedFailurePercentage())
                .put("toleratedFailureCount", run.toleratedFailureCount());
        putDate(node, "stopDate", run.stopDate());
        node.set("itemCounts", counts(run.itemCounts()));
        node.set("executionCounts", counts(run.executionCounts()));
        node.put("redriveCount", run.redriveCount());
        putDate(node, "redriveDate", run.redriveDate());
        return node;
    }

    static ObjectNode mapRunListItem(MapRun run) {
        ObjectNode node = object()
                .put("executionArn", run.executionArn())
                .put("mapRunArn", run.arn())
                .put("stateMachineArn", run.stateMachineArn())
                .put("startDate", epochSeconds(run.startDate()));
        putDate(node, "stopDate", run.stopDate());
        return node;
    }

    private static ObjectNode counts(ItemCounts counts) {
        return object()
                .put("pending", counts.pending())
                .put("running", counts.running())
                .put("succeeded", counts.succeeded())
                .put("failed", counts.failed())
                .put("timedOut", counts.timedOut())
                .put("aborted", counts.aborted())
                .put("total", counts.total())
                .put("resultsWritten", counts.resultsWritten())
                .put("failuresNotRedrivable", counts.failuresNotRedrivable())
                .put("pendingRedrive", counts.pendingRedrive());
    }

    private static void putDate(ObjectNode node, String member, Optional<Instant> date) {
        date.ifPresent(d -> node.put(member, epochSeconds(d)));
    }
}
