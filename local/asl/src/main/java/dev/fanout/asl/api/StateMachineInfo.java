package dev.fanout.asl.api;

import dev.fanout.asl.StateMachine;
import java.time.Instant;
import java.util.Objects;

/**
 * A registered state machine, as DescribeStateMachine shows it.
 *
 * @param machine the parsed definition the engine runs
 */
public record StateMachineInfo(String arn, String name, String definition, String roleArn, StateMachineType type,
                               Instant creationDate, StateMachine machine) {
    public StateMachineInfo {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(machine, "machine");
    }
}
