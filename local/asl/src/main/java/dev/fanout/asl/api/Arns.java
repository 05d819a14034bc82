package dev.fanout.asl.api;

/**
 * Step Functions ARNs: {@code arn:aws:states:REGION:ACCOUNT:stateMachine:NAME},
 * {@code arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME}; Express executions' ARNs read
 * {@code express} instead of {@code execution}.
 */
record Arns(String region, String accountId) {
    static final String STATE_MACHINE = "stateMachine";
    static final String EXECUTION = "execution";
    static final String EXPRESS = "express";
    static final String MAP_RUN = "mapRun";

    String stateMachine(String name) {
        return prefix() + STATE_MACHINE + ":" + name;
    }

    String execution(String machineName, String executionName) {
        return prefix() + EXECUTION + ":" + machineName + ":" + executionName;
    }

    /**
     * Checks that {@code arn} is a Step Functions ARN of one of the given resource types, with AWS's
     * {@code InvalidArn} wording otherwise; an ARN of another region or account simply names nothing here.
     */
    static void requireType(String arn, String... resourceTypes) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            throw invalid("Invalid ARN prefix: " + arn);
        }
        if (!parts[2].equals("states")) {
            throw invalid("Invalid ARN service: " + parts[2]);
        }
        for (String type : resourceTypes) {
            if (parts[5].equals(type) && parts.length == 7 && !parts[6].isEmpty()) {
                return;
            }
        }
        throw invalid("Resource type not valid in this context: " + parts[5]);
    }

    /** A role ARN must at least be an ARN: {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}. */
    static void requireAnyArn(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[5].isEmpty()) {
            throw invalid("Invalid ARN prefix: " + arn);
        }
    }

    private static StepFunctionsException invalid(String reason) {
        return new StepFunctionsException(SfnErrorCode.INVALID_ARN, "Invalid Arn: '" + reason + "'");
    }

    private String prefix() {
        return "arn:aws:states:" + region + ":" + accountId + ":";
    }
}
