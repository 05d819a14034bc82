package dev.fanout.asl.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.Diagnostic;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.HistoryEvent;
import dev.fanout.asl.MapRun;
import dev.fanout.asl.ValidationResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Maps each JSON-protocol operation to the service: request members in, response shape out. */
final class Operations {
    private static final int MAX_ERROR_LENGTH = 256;
    private static final int MAX_CAUSE_LENGTH = 32768;
    /** ValidateStateMachineDefinition's maxResults: at most 100, 0 for the default (100). */
    private static final int MAX_DIAGNOSTICS = 100;

    private final StepFunctionsService service;
    private final Map<String, Function<Request, ObjectNode>> operations;

    Operations(StepFunctionsService service) {
        this.service = service;
        this.operations = Map.ofEntries(
                Map.entry("CreateStateMachine", this::createStateMachine),
                Map.entry("DescribeStateMachine", this::describeStateMachine),
                Map.entry("ListStateMachines", this::listStateMachines),
                Map.entry("DeleteStateMachine", this::deleteStateMachine),
                Map.entry("StartExecution", this::startExecution),
                Map.entry("DescribeExecution", this::describeExecution),
                Map.entry("StopExecution", this::stopExecution),
                Map.entry("ListExecutions", this::listExecutions),
                Map.entry("GetExecutionHistory", this::getExecutionHistory),
                Map.entry("SendTaskSuccess", this::sendTaskSuccess),
                Map.entry("SendTaskFailure", this::sendTaskFailure),
                Map.entry("SendTaskHeartbeat", this::sendTaskHeartbeat),
                Map.entry("DescribeMapRun", this::describeMapRun),
                Map.entry("ListMapRuns", this::listMapRuns),
                Map.entry("RedriveExecution", this::redriveExecution),
                Map.entry("ValidateStateMachineDefinition", this::validateStateMachineDefinition),
                Map.entry("TestState", this::testState));
    }

    boolean supports(String operation) {
        return operations.containsKey(operation);
    }

    ObjectNode invoke(Request request) {
        Function<Request, ObjectNode> operation = operations.get(request.operation());
        if (operation == null) {
            throw new StepFunctionsException(SfnErrorCode.UNKNOWN_OPERATION,
                    "Operation " + request.operation() + " is not supported.");
        }
        return operation.apply(request);
    }

    private ObjectNode createStateMachine(Request r) {
        String name = r.requiredString("name");
        String definition = r.requiredString("definition");
        String roleArn = r.requiredString("roleArn");
        StateMachineType type = r.optionalEnum("type", StateMachineType.class);
        StateMachineInfo info = service.createStateMachine(name, definition, roleArn,
                type == null ? StateMachineType.STANDARD : type);
        return WireFormat.object()
                .put("stateMachineArn", info.arn())
                .put("creationDate", WireFormat.epochSeconds(info.creationDate()));
    }

    private ObjectNode describeStateMachine(Request r) {
        return WireFormat.stateMachine(service.describeStateMachine(r.requiredString("stateMachineArn")));
    }

    private ObjectNode listStateMachines(Request r) {
        Pages.Page<StateMachineInfo> page = Pages.page(service.listStateMachines(), "ListStateMachines",
                r.optionalString("nextToken"), r.maxResults());
        ObjectNode response = WireFormat.object();
        ArrayNode items = response.putArray("stateMachines");
        page.items().forEach(info -> items.add(WireFormat.stateMachineListItem(info)));
        return withNextToken(response, page);
    }

    private ObjectNode deleteStateMachine(Request r) {
        service.deleteStateMachine(r.requiredString("stateMachineArn"));
        return WireFormat.object();
    }

    private ObjectNode startExecution(Request r) {
        Execution execution = service.startExecution(r.requiredString("stateMachineArn"),
                r.optionalString("name"), r.optionalString("input"));
        return WireFormat.object()
                .put("executionArn", execution.arn())
                .put("startDate", WireFormat.epochSeconds(execution.startDate()));
    }

    private ObjectNode describeExecution(Request r) {
        Execution execution = service.describeExecution(r.requiredString("executionArn"));
        return WireFormat.execution(execution, service.redrivability(execution));
    }

    private ObjectNode redriveExecution(Request r) {
        return WireFormat.object().put("redriveDate", WireFormat.epochSeconds(
                service.redriveExecution(r.requiredString("executionArn"), r.optionalString("clientToken"))));
    }

    private ObjectNode stopExecution(Request r) {
        Execution execution = service.stopExecution(r.requiredString("executionArn"),
                r.optionalString("error", MAX_ERROR_LENGTH), r.optionalString("cause", MAX_CAUSE_LENGTH));
        ObjectNode response = WireFormat.object();
        execution.stopDate().ifPresent(date -> response.put("stopDate", WireFormat.epochSeconds(date)));
        return response;
    }

    private ObjectNode listExecutions(Request r) {
        String stateMachineArn = r.optionalString("stateMachineArn");
        String mapRunArn = r.optionalString("mapRunArn");
        ExecutionStatus filter = r.optionalEnum("statusFilter", ExecutionStatus.class);
        StepFunctionsService.RedriveFilter redriven = r.optionalEnum("redriveFilter",
                StepFunctionsService.RedriveFilter.class);
        if (stateMachineArn != null && mapRunArn != null) {
            // "You can specify either a mapRunArn or a stateMachineArn, but not both." (API_ListExecutions)
            throw new StepFunctionsException(SfnErrorCode.VALIDATION,
                    "Specify either a stateMachineArn or a mapRunArn, but not both");
        }
        if (mapRunArn != null) {
            return listMapRunExecutions(r, mapRunArn, filter, redriven);
        }
        if (stateMachineArn == null) {
            throw StepFunctionsException.validation("stateMachineArn", "Member must not be null", null);
        }
        String scope = "ListExecutions " + stateMachineArn + " " + filter + " " + redriven;
        List<StepFunctionsService.RegisteredExecution> all = service.listRegistered(stateMachineArn, filter);
        List<StepFunctionsService.RegisteredExecution> matching = redriven == null ? all
                : all.stream().filter(e -> redriven.test(e.execution())).toList();
        Pages.Page<StepFunctionsService.RegisteredExecution> page = Pages.pageByDescendingKey(matching,
                StepFunctionsService.RegisteredExecution::sequence, scope, r.optionalString("nextToken"),
                r.maxResults());
        ObjectNode response = WireFormat.object();
        ArrayNode items = response.putArray("executions");
        page.items().forEach(e -> items.add(WireFormat.executionListItem(e.execution())));
        return withNextToken(response, page);
    }

    /** Children newest first; the token holds the item index of the next one, so children starting later do not shift pages. */
    private ObjectNode listMapRunExecutions(Request r, String mapRunArn, ExecutionStatus filter,
                                            StepFunctionsService.RedriveFilter redriven) {
        String scope = "ListExecutions " + mapRunArn + " " + filter + " " + redriven;
        Pages.Page<StepFunctionsService.MapRunChild> page = Pages.pageByDescendingKey(
                service.listMapRunChildren(mapRunArn, filter, redriven), StepFunctionsService.MapRunChild::index,
                scope, r.optionalString("nextToken"), r.maxResults());
        ObjectNode response = WireFormat.object();
        ArrayNode items = response.putArray("executions");
        page.items().forEach(c -> items.add(WireFormat.executionListItem(c.execution())));
        return withNextToken(response, page);
    }

    private ObjectNode getExecutionHistory(Request r) {
        String executionArn = r.requiredString("executionArn");
        List<HistoryEvent> events = new ArrayList<>(service.describeExecution(executionArn).history());
        boolean reverse = r.optionalBoolean("reverseOrder");
        String scope = "GetExecutionHistory " + executionArn + (reverse ? " reverse" : "");
        Pages.Page<HistoryEvent> page;
        if (reverse) {
            Collections.reverse(events);
            ToLongFunction<HistoryEvent> id = HistoryEvent::id;
            page = Pages.pageByDescendingKey(events, id, scope, r.optionalString("nextToken"), r.maxResults());
        } else {
            page = Pages.page(events, scope, r.optionalString("nextToken"), r.maxResults());
        }
        ObjectNode response = WireFormat.object();
        ArrayNode items = response.putArray("events");
        page.items().forEach(event -> items.add(WireFormat.historyEvent(event)));
        return withNextToken(response, page);
    }

    private ObjectNode sendTaskSuccess(Request r) {
        service.sendTaskSuccess(r.requiredString("taskToken"), r.requiredString("output"));
        return WireFormat.object();
    }

    private ObjectNode sendTaskFailure(Request r) {
        service.sendTaskFailure(r.requiredString("taskToken"), r.optionalString("error", MAX_ERROR_LENGTH),
                r.optionalString("cause", MAX_CAUSE_LENGTH));
        return WireFormat.object();
    }

    private ObjectNode sendTaskHeartbeat(Request r) {
        service.sendTaskHeartbeat(r.requiredString("taskToken"));
        return WireFormat.object();
    }

    private ObjectNode describeMapRun(Request r) {
        return WireFormat.mapRun(service.describeMapRun(r.requiredString("mapRunArn")));
    }

    private ObjectNode listMapRuns(Request r) {
        String executionArn = r.requiredString("executionArn");
        Pages.Page<MapRun> page = Pages.page(service.listMapRuns(executionArn), "ListMapRuns " + executionArn,
                r.optionalString("nextToken"), r.maxResults());
        ObjectNode response = WireFormat.object();
        ArrayNode items = response.putArray("mapRuns");
        page.items().forEach(run -> items.add(WireFormat.mapRunListItem(run)));
        return withNextToken(response, page);
    }

    private ObjectNode validateStateMachineDefinition(Request r) {
        String definition = r.requiredString("definition");
        StateMachineType type = r.optionalEnum("type", StateMachineType.class);
        r.optionalEnum("severity", Diagnostic.Severity.class);
        int maxResults = r.optionalInt("maxResults", 0, MAX_DIAGNOSTICS);
        ValidationResult result = service.validateStateMachineDefinition(definition,
                type == null ? StateMachineType.STANDARD : type, maxResults == 0 ? MAX_DIAGNOSTICS : maxResults);
        ObjectNode response = WireFormat.object().put("result", result.result());
        ArrayNode diagnostics = response.putArray("diagnostics");
        for (Diagnostic d : result.diagnostics()) {
            ObjectNode item = diagnostics.addObject().put("severity", d.severity().name()).put("code", d.code())
                    .put("message", d.message());
            if (d.location() != null) {
                item.put("location", d.location());
            }
        }
        return response.put("truncated", result.truncated());
    }

    private ObjectNode testState(Request r) {
        return TestStateWire.answer(service.testState(TestStateWire.request(r)));
    }

    private static ObjectNode withNextToken(ObjectNode response, Pages.Page<?> page) {
        if (page.nextToken() != null) {
            response.put("nextToken", page.nextToken());
        }
        return response;
    }
}
