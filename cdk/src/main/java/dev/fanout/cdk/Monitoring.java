package dev.fanout.cdk;

import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.PipelineFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Alarms on the two signals that need a person — a chunk in the dead-letter queue, a failed job — and a dashboard
 * of queue depth, executions, function errors and durations, and the functions' own EMF metrics.
 */
public final class Monitoring extends Construct {

    /** @param alarmTopic where the alarms notify (in alarm state), or null for alarms without actions */
    public record MonitoringProps(IQueue workQueue, IQueue deadLetterQueue, StateMachine stateMachine,
                                  Map<PipelineFunction, LiveFunction> functions, ITopic alarmTopic) {
        public MonitoringProps {
            Objects.requireNonNull(workQueue, "workQueue");
            Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
            Objects.requireNonNull(stateMachine, "stateMachine");
            functions = Map.copyOf(functions);
        }

        public MonitoringProps(IQueue workQueue, IQueue deadLetterQueue, StateMachine stateMachine,
                               Map<PipelineFunction, LiveFunction> functions) {
            this(workQueue, deadLetterQueue, stateMachine, functions, null);
        }
    }

    /** CloudWatch namespace of the functions' EMF metrics. */
    static final String METRICS_NAMESPACE = Deployment.METRICS_NAMESPACE;
    static final List<String> EMF_METRICS = List.of("JobsStarted", "ChunksProcessed", "ChunksFailed",
            "RecordsProcessed");

    private static final Duration PERIOD = Duration.minutes(1);
    private static final Duration EXECUTIONS_PERIOD = Duration.minutes(5);

    private final Alarm deadLetterAlarm;
    private final Alarm failedExecutionsAlarm;
    private final Dashboard dashboard;

    public Monitoring(Construct scope, String id, MonitoringProps props) {
        super(scope, id);
        deadLetterAlarm = props.deadLetterQueue()
                .metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(PERIOD).statistic("Maximum").build())
                .createAlarm(this, "DeadLetterQueueNotEmpty", atLeastOne(
                        "A chunk failed on every delivery and waits in the dead-letter queue: inspect, then redrive"));
        failedExecutionsAlarm = props.stateMachine()
                .metricFailed(MetricOptions.builder().period(EXECUTIONS_PERIOD).statistic("Sum").build())
                .createAlarm(this, "ExecutionsFailed", atLeastOne(
                        "A job failed: its error and cause are in the execution and in results/<jobId>/summary.json"));
        if (props.alarmTopic() != null) {
            SnsAction notify = new SnsAction(props.alarmTopic());
            deadLetterAlarm.addAlarmAction(notify);
            failedExecutionsAlarm.addAlarmAction(notify);
        }
        dashboard = Dashboard.Builder.create(this, "Dashboard").build();
        dashboard.addWidgets(queueWidget(props), executionsWidget(props.stateMachine()));
        dashboard.addWidgets(functionsWidget(props, true), functionsWidget(props, false));
        dashboard.addWidgets(emfWidget());
    }

    private static CreateAlarmOptions atLeastOne(String description) {
        return CreateAlarmOptions.builder()
                .alarmDescription(description)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static IWidget queueWidget(MonitoringProps props) {
        MetricOptions max = MetricOptions.builder().period(PERIOD).statistic("Maximum").build();
        return GraphWidget.Builder.create()
                .title("Work queue")
                .width(12)
                .left(List.of(
                        props.workQueue().metricApproximateNumberOfMessagesVisible(max),
                        props.workQueue().metricApproximateNumberOfMessagesNotVisible(max),
                        props.deadLetterQueue().metricApproximateNumberOfMessagesVisible(max)))
                .right(List.of(props.workQueue().metricApproximateAgeOfOldestMessage(max)))
                .build();
    }

    private static IWidget executionsWidget(StateMachine stateMachine) {
        MetricOptions sum = MetricOptions.builder().period(EXECUTIONS_PERIOD).statistic("Sum").build();
        return GraphWidget.Builder.create()
                .title("Jobs (executions)")
                .width(12)
                .left(List.of(stateMachine.metricStarted(sum), stateMachine.metricSucceeded(sum),
                        stateMachine.metricFailed(sum), stateMachine.metricTimedOut(sum)))
                .build();
    }

    private static IWidget functionsWidget(MonitoringProps props, boolean errors) {
        List<IMetric> metrics = new ArrayList<>();
        for (PipelineFunction f : PipelineFunction.values()) {
            LiveFunction live = props.functions().get(f);
            if (live == null) {
                continue; // an entry point the pipeline does not deploy
            }
            MetricOptions options = MetricOptions.builder().period(PERIOD).label(f.id())
                    .statistic(errors ? "Sum" : "p90").build();
            metrics.add(errors ? live.function().metricErrors(options) : live.function().metricDuration(options));
        }
        return GraphWidget.Builder.create()
                .title(errors ? "Function errors" : "Function duration (p90)")
                .width(12)
                .left(metrics)
                .build();
    }

    /** SEARCH, so the graph does not depend on the dimensions Powertools adds. */
    private static IWidget emfWidget() {
        List<IMetric> metrics = new ArrayList<>();
        for (String name : EMF_METRICS) {
            metrics.add(MathExpression.Builder.create()
                    .expression("SEARCH('Namespace=\"" + METRICS_NAMESPACE + "\" MetricName=\"" + name
                            + "\"', 'Sum', 60)")
                    .label(name)
                    .period(PERIOD)
                    .build());
        }
        return GraphWidget.Builder.create()
                .title("Pipeline metrics (EMF)")
                .width(24)
                .left(metrics)
                .build();
    }

    public Alarm deadLetterAlarm() {
        return deadLetterAlarm;
    }

    public Alarm failedExecutionsAlarm() {
        return failedExecutionsAlarm;
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
