package dev.fanout.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} from the repository root run it (see {@code cdk.json}).
 * cdk-nag's AwsSolutions checks run on every synthesis, so an unsuppressed finding fails it.
 *
 * <pre>{@code
 * App app = new App();
 * FanoutStack stack = FanoutApp.create(app, FanoutStackProps.fromContext(app.getNode()));
 * app.synth();
 * }</pre>
 */
public final class FanoutApp {

    /** Stack name unless the context key {@value #STACK_NAME} says otherwise. */
    public static final String DEFAULT_STACK_NAME = "Fanout";
    public static final String STACK_NAME = "fanout:stackName";

    private FanoutApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        create(app, FanoutStackProps.fromContext(app.getNode()));
        app.synth();
    }

    /** Adds the stack and the cdk-nag checks to {@code app}. */
    public static FanoutStack create(App app, FanoutStackProps props) {
        Object name = app.getNode().tryGetContext(STACK_NAME);
        FanoutStack stack = new FanoutStack(app, name != null ? name.toString() : DEFAULT_STACK_NAME,
                StackProps.builder()
                        .description("fanout: serverless fan-out/fan-in pipeline")
                        .build(),
                props);
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stack;
    }
}
