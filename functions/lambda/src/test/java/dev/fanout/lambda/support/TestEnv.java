package dev.fanout.lambda.support;

import dev.fanout.core.config.EnvVar;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The environment map a deployment would give the functions, pointing at the embedded servers. */
public final class TestEnv {
    public static final String INPUT_BUCKET = "fanout-input";
    public static final String WORK_BUCKET = "fanout-work";
    public static final String RESULTS_BUCKET = "fanout-results";

    private final Map<String, String> env = new HashMap<>();

    private TestEnv() {
        set(EnvVar.INPUT_BUCKET, INPUT_BUCKET);
        set(EnvVar.WORK_BUCKET, WORK_BUCKET);
        set(EnvVar.RESULTS_BUCKET, RESULTS_BUCKET);
        set(EnvVar.STATE_MACHINE_ARN, SfnStub.STATE_MACHINE_ARN);
        set(EnvVar.AWS_REGION, "us-east-1");
        set(EnvVar.AWS_ACCESS_KEY_ID, EmbeddedS3.ACCESS_KEY);
        set(EnvVar.AWS_SECRET_ACCESS_KEY, EmbeddedS3.SECRET_KEY);
        set(EnvVar.S3_FORCE_PATH_STYLE, "true");
        set(EnvVar.MAX_RECEIVE_COUNT, "3");
        set(EnvVar.HEARTBEAT_SECONDS, "60");
    }

    public static TestEnv create() {
        return new TestEnv();
    }

    public TestEnv s3(URI endpoint) {
        return set(EnvVar.AWS_ENDPOINT_URL_S3, endpoint.toString());
    }

    public TestEnv sfn(URI endpoint) {
        return set(EnvVar.AWS_ENDPOINT_URL_SFN, endpoint.toString());
    }

    public TestEnv sqs(URI endpoint) {
        return set(EnvVar.AWS_ENDPOINT_URL_SQS, endpoint.toString());
    }

    public TestEnv set(EnvVar name, String value) {
        env.put(name.name(), value);
        return this;
    }

    public Map<String, String> toMap() {
        return Map.copyOf(env);
    }
}
