package dev.fanout.asl.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.AslEngine;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionNotRedrivableException;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.RedriveStatus;
import dev.fanout.asl.InvalidDefinitionException;
import dev.fanout.asl.MapRun;
import dev.fanout.asl.StateMachine;
import dev.fanout.asl.TaskTokenException;
import dev.fanout.asl.TestStateRequest;
import dev.fanout.asl.TestStateResult;
import dev.fanout.asl.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Step Functions control plane over one {@link AslEngine}: registries of state machines and executions with
 * AWS's rules (names, idempotent creates and starts, error codes). Thread-safe. The HTTP server
 * ({@link StepFunctionsServer}) is a thin JSON layer over it; code in the same JVM may call it directly.
 *
 * <pre>{@code
 * StepFunctionsService sfn = new StepFunctionsService(engine);
 * StateMachineInfo sm = sfn.createStateMachine("jobs", definition, "arn:aws:iam::123456789012:role/sfn",
 *         StateMachineType.STANDARD);
 * Execution run = sfn.startExecution(sm.arn(), "job-1", "{\"n\":1}");
 * run.await(Duration.ofSeconds(10));
 * }</pre>
 */
public final class StepFunctionsService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DELETED_MACHINE = "State machine is in DELETING status";

    private final AslEngine engine;
    private final Clock clock;
    private final Arns arns;
    private final Map<String, StateMachineInfo> machines = new ConcurrentHashMap<>();
    private final Map<String, RegisteredExecution> executions = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object startLock = new Object();
    private final RedriveTokens redriveTokens;

    /** One started STANDARD execution; {@code sequence} orders listings newest first. */
    record RegisteredExecution(long sequence, Execution execution) {
    }

    public StepFunctionsService(AslEngine engine) {
        this(engine, Clock.systemUTC());
    }

    /** @param clock the clock for creation dates of state machines (executions take theirs from the engine) */
    public StepFunctionsService(AslEngine engine, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.arns = new Arns(engine.region(), engine.accountId());
        this.redriveTokens = new RedriveTokens(clock);
    }

    public AslEngine engine() {
        return engine;
    }

    /**
     * CreateStateMachine. Idempotent: the same name, definition and type return the existing machine (a different
     * roleArn is ignored, as on AWS); the same name with a different definition or type is
     * {@code StateMachineAlreadyExists}.
     */
    public StateMachineInfo createStateMachine(String name, String definition, String roleArn, StateMachineType type) {
        Names.require(name);
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(type, "type");
        Arns.requireAnyArn(roleArn);
        StateMachine machine = parse(definition);
        String arn = arns.stateMachine(name);
        StateMachineInfo created = new StateMachineInfo(arn, name, definition, roleArn, type, clock.instant(), machine);
        StateMachineInfo existing = machines.putIfAbsent(arn, created);
        if (existing == null) {
            return created;
        }
        if (existing.definition().equals(definition) && existing.type() == type) {
            return existing;
        }
        throw new StepFunctionsException(SfnErrorCode.STATE_MACHINE_ALREADY_EXISTS,
                "State Machine Already Exists: '" + arn + "'");
    }

    public StateMachineInfo describeStateMachine(String stateMachineArn) {
        Arns.requireType(stateMachineArn, Arns.STATE_MACHINE);
        StateMachineInfo info = machines.get(stateMachineArn);
        if (info == null) {
            throw new StepFunctionsException(SfnErrorCode.STATE_MACHINE_DOES_NOT_EXIST,
                    "State Machine Does Not Exist: '" + stateMachineArn + "'");
        }
        return info;
    }

    /** ListStateMachines, ordered by name. */
    public List<StateMachineInfo> listStateMachines() {
        return machines.values().stream().sorted(Comparator.comparing(StateMachineInfo::name)).toList();
    }

    /** DeleteStateMachine: the machine disappears; its executions keep running and stay visible. Idempotent. */
    public void deleteStateMachine(String stateMachineArn) {
        Arns.requireType(stateMachineArn, Arns.STATE_MACHINE);
        machines.remove(stateMachineArn);
    }

    /**
     * StartExecution.
     *
     * @param name  the execution name, or null for a generated one
     * @param input JSON text, or null for {@code {}}
     * @return the new execution, or the running one with the same name and input (AWS's idempotent start)
     */
    public Execution startExecution(String stateMachineArn, String name, String input) {
        StateMachineInfo info = describeStateMachine(stateMachineArn);
        String executionName = name == null ? UUID.randomUUID().toString() : Names.require(name);
        String inputJson = input == null ? "{}" : input;
        JsonNode inputTree = parseInput(inputJson);
        if (info.type() == StateMachineType.EXPRESS) {
            // AWS keeps no record of Express executions that Describe/List/History could read
            return engine.start(info.machine(), info.arn(), executionName, inputJson);
        }
        String arn = arns.execution(info.name(), executionName);
        synchronized (startLock) {
            RegisteredExecution existing = executions.get(arn);
            if (existing != null) {
                return idempotentStart(existing.execution(), inputTree);
            }
            Execution started = engine.start(info.machine(), info.arn(), executionName, inputJson);
            executions.put(started.arn(), new RegisteredExecution(sequence.incrementAndGet(), started));
            return started;
        }
    }

    /** DescribeExecution: a started execution, or a Distributed Map's child (its ARN names the Map Run's machine). */
    public Execution describeExecution(String executionArn) {
        Arns.requireType(executionArn, Arns.EXECUTION, Arns.EXPRESS);
        RegisteredExecution registered = executions.get(executionArn);
        if (registered != null) {
            return registered.execution();
        }
        return mapRunChild(executionArn).orElseThrow(() -> new StepFunctionsException(
                SfnErrorCode.EXECUTION_DOES_NOT_EXIST, "Execution Does Not Exist: '" + executionArn + "'"));
    }

    /** A child's ARN reads {@code execution:MACHINE/LABEL:NAME}: only executions of MACHINE can have started it. */
    private Optional<Execution> mapRunChild(String executionArn) {
        String[] parts = executionArn.split(":", 8);
        if (parts.length != 8 || !parts[6].contains("/")) {
            return Optional.empty();
        }
        String machineArn = arns.stateMachine(parts[6].substring(0, parts[6].indexOf('/')));
        for (RegisteredExecution registered : executions.values()) {
            if (!registered.execution().stateMachineArn().equals(machineArn)) {
                continue;
            }
            for (MapRun run : registered.execution().mapRuns()) {
                Optional<Execution> child = run.execution(executionArn);
                if (child.isPresent()) {
                    return child;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether RedriveExecution would restart the execution, and if not why (DescribeExecution's members). */
    record Redrivability(RedriveStatus status, String reason) {
    }

    Redrivability redrivability(Execution execution) {
        if (execution.mapRunArn().isEmpty() && execution.status() != ExecutionStatus.RUNNING
                && execution.status() != ExecutionStatus.SUCCEEDED
                && !machines.containsKey(execution.stateMachineArn())) {
            // AWS keeps a deleted machine in DELETING while its executions are kept
            return new Redrivability(RedriveStatus.NOT_REDRIVABLE, DELETED_MACHINE);
        }
        return new Redrivability(execution.redriveStatus(), execution.redriveStatusReason().orElse(null));
    }

    /**
     * RedriveExecution: restarts a FAILED, TIMED_OUT or ABORTED STANDARD execution at the state where it stopped.
     * Idempotent per {@code clientToken}: AWS answers the same for the last 10 tokens that redrove the execution,
     * each for 15 minutes after its first use (API_RedriveExecution).
     *
     * @param clientToken null, or 1 to 64 printable ASCII characters
     * @return the redrive date
     */
    public Instant redriveExecution(String executionArn, String clientToken) {
        RedriveTokens.validate(clientToken);
        Execution execution = describeExecution(executionArn);
        return redriveTokens.redrive(executionArn, clientToken, () -> {
            Redrivability r = redrivability(execution);
            if (r.status() == RedriveStatus.NOT_REDRIVABLE && DELETED_MACHINE.equals(r.reason())) {
                throw new StepFunctionsException(SfnErrorCode.EXECUTION_NOT_REDRIVABLE, r.reason());
            }
            try {
                return execution.redrive();
            } catch (ExecutionNotRedrivableException e) {
                throw new StepFunctionsException(SfnErrorCode.EXECUTION_NOT_REDRIVABLE, e.getMessage());
            }
        });
    }

    /** The Map Run with this ARN, of any execution. */
    private MapRun findMapRun(String mapRunArn) {
        Arns.requireType(mapRunArn, Arns.MAP_RUN);
        for (RegisteredExecution registered : executions.values()) {
            for (MapRun run : registered.execution().mapRuns()) {
                if (run.arn().equals(mapRunArn)) {
                    return run;
                }
            }
        }
        throw new StepFunctionsException(SfnErrorCode.RESOURCE_NOT_FOUND,
                "Resource Not Found: '" + mapRunArn + "'");
    }

    /**
     * ListExecutions with {@code mapRunArn}: the Map Run's child executions, newest (highest item index) first.
     *
     * @param statusFilter  null for all; PENDING_REDRIVE is allowed here only
     * @param redriveFilter null for all, else only children that were (not) redriven
     */
    public List<Execution> listMapRunExecutions(String mapRunArn, ExecutionStatus statusFilter,
                                                RedriveFilter redriveFilter) {
        return listMapRunChildren(mapRunArn, statusFilter, redriveFilter).stream().map(MapRunChild::execution)
                .toList();
    }

    /** A child and its item index, the key that orders and pages them. */
    record MapRunChild(int index, Execution execution) {
    }

    List<MapRunChild> listMapRunChildren(String mapRunArn, ExecutionStatus statusFilter,
                                         RedriveFilter redriveFilter) {
        MapRun run = findMapRun(mapRunArn);
        List<MapRunChild> children = new ArrayList<>();
        for (Execution e : run.executions()) {
            if ((statusFilter == null || e.status() == statusFilter)
                    && (redriveFilter == null || redriveFilter.test(e))) {
                children.add(new MapRunChild(run.indexOf(e.arn()).orElseThrow(), e));
            }
        }
        Collections.reverse(children);
        return children;
    }

    /** ListExecutions' {@code redriveFilter}. */
    public enum RedriveFilter {
        REDRIVEN, NOT_REDRIVEN;

        boolean test(Execution e) {
            return (e.redriveCount() > 0) == (this == REDRIVEN);
        }
    }

    /** StopExecution: ends a running execution as ABORTED; a finished one is left as it is. */
    public Execution stopExecution(String executionArn, String error, String cause) {
        Execution execution = describeExecution(executionArn);
        if (execution.status() == ExecutionStatus.RUNNING) {
            execution.stop(error, cause);
        }
        return execution;
    }

    /**
     * ListExecutions of one state machine, newest first.
     *
     * @param statusFilter null for all
     */
    public List<Execution> listExecutions(String stateMachineArn, ExecutionStatus statusFilter) {
        return listRegistered(stateMachineArn, statusFilter).stream().map(RegisteredExecution::execution).toList();
    }

    List<RegisteredExecution> listRegistered(String stateMachineArn, ExecutionStatus statusFilter) {
        if (statusFilter == ExecutionStatus.PENDING_REDRIVE) {
            throw StepFunctionsException.validation("statusFilter",
                    "PENDING_REDRIVE can only be used with a mapRunArn", statusFilter);
        }
        StateMachineInfo info = describeStateMachine(stateMachineArn);
        if (info.type() == StateMachineType.EXPRESS) {
            throw new StepFunctionsException(SfnErrorCode.STATE_MACHINE_TYPE_NOT_SUPPORTED,
                    "This operation is not supported by EXPRESS state machines");
        }
        return executions.values().stream()
                .filter(r -> r.execution().stateMachineArn().equals(stateMachineArn))
                .filter(r -> statusFilter == null || r.execution().status() == statusFilter)
                .sorted(Comparator.comparingLong(RegisteredExecution::sequence).reversed())
                .toList();
    }

    public void sendTaskSuccess(String taskToken, String output) {
        try {
            JSON.readTree(output);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StepFunctionsException(SfnErrorCode.INVALID_OUTPUT, "Invalid Output: '" + output + "'");
        }
        answer(() -> engine.sendTaskSuccess(taskToken, output));
    }

    public void sendTaskFailure(String taskToken, String error, String cause) {
        answer(() -> engine.sendTaskFailure(taskToken, error, cause));
    }

    public void sendTaskHeartbeat(String taskToken) {
        answer(() -> engine.sendTaskHeartbeat(taskToken));
    }

    public MapRun describeMapRun(String mapRunArn) {
        return findMapRun(mapRunArn);
    }

    /** ListMapRuns of one execution, oldest first. */
    public List<MapRun> listMapRuns(String executionArn) {
        return new ArrayList<>(describeExecution(executionArn).mapRuns());
    }

    /**
     * ValidateStateMachineDefinition: AWS's diagnostics for the definition, at most {@code maxResults} of them
     * ({@code truncated} when there are more).
     */
    public ValidationResult validateStateMachineDefinition(String definition, StateMachineType type, int maxResults) {
        ValidationResult all = engine.validate(definition, type == StateMachineType.EXPRESS);
        if (all.diagnostics().size() <= maxResults) {
            return all;
        }
        return new ValidationResult(false, all.diagnostics().subList(0, maxResults), true);
    }

    /**
     * TestState: runs one state of {@code request.definition()} once and answers as AWS does; see
     * {@link AslEngine#testState(TestStateRequest)}. A definition CreateStateMachine would refuse is
     * {@code InvalidDefinition}, input that is not JSON {@code InvalidExecutionInput}, other bad members
     * {@code ValidationException}.
     */
    public TestStateResult testState(TestStateRequest request) {
        try {
            return engine.testState(request);
        } catch (InvalidDefinitionException e) {
            throw new StepFunctionsException(SfnErrorCode.INVALID_DEFINITION, e.getMessage());
        } catch (TestStateRequest.InvalidInputException e) {
            throw new StepFunctionsException(SfnErrorCode.INVALID_EXECUTION_INPUT, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new StepFunctionsException(SfnErrorCode.VALIDATION, e.getMessage());
        }
    }

    private StateMachine parse(String definition) {
        try {
            return engine.parse(definition);
        } catch (InvalidDefinitionException e) {
            throw new StepFunctionsException(SfnErrorCode.INVALID_DEFINITION, e.getMessage());
        }
    }

    private static JsonNode parseInput(String input) {
        try {
            JsonNode tree = JSON.readTree(input);
            if (tree == null || tree.isMissingNode()) {
                throw new StepFunctionsException(SfnErrorCode.INVALID_EXECUTION_INPUT,
                        "Invalid State Machine Execution Input: 'No content'");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new StepFunctionsException(SfnErrorCode.INVALID_EXECUTION_INPUT,
                    "Invalid State Machine Execution Input: '" + e.getOriginalMessage() + "'");
        }
    }

    private static Execution idempotentStart(Execution existing, JsonNode input) {
        boolean sameInput = Optional.ofNullable(existing.input()).map(StepFunctionsService::parseInput)
                .map(input::equals).orElse(false);
        if (existing.status() == ExecutionStatus.RUNNING && sameInput) {
            return existing;
        }
        throw new StepFunctionsException(SfnErrorCode.EXECUTION_ALREADY_EXISTS,
                "Execution Already Exists: '" + existing.arn() + "'");
    }

    private static void answer(Runnable call) {
        try {
            call.run();
        } catch (TaskTokenException e) {
            throw new StepFunctionsException(SfnErrorCode.ofTaskTokenCode(e.code()), e.getMessage());
        }
    }
}
