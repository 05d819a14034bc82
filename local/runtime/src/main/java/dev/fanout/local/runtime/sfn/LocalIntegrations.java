package dev.fanout.local.runtime.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaInvoker;
import dev.fanout.asl.port.LambdaResponse;
import dev.fanout.asl.port.ObjectStore;
import dev.fanout.asl.port.SqsSender;
import dev.fanout.local.runtime.lambda.FunctionError;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * The ASL engine's task integrations for the local runtime: Lambda tasks call in-process functions by name or
 * ARN, SQS tasks send through the real SQS API to the embedded queue, and the Distributed Map's ItemReader reads
 * from the embedded S3 through the real S3 API.
 */
public final class LocalIntegrations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalIntegrations() {
    }

    /** A function the Lambda integration can call: payload JSON in, payload JSON out, {@link FunctionError} on failure. */
    @FunctionalInterface
    public interface InProcessFunction {
        String invoke(String payloadJson);
    }

    /** The integrations, with {@code functions} keyed by function name. */
    public static Integrations create(Map<String, InProcessFunction> functions, SqsClient sqs, S3Client s3) {
        Objects.requireNonNull(sqs, "sqs");
        return create(functions, () -> sqs, s3);
    }

    /** Like the other {@code create}, with the SQS client asked for at each send (it may be built after the engine). */
    public static Integrations create(Map<String, InProcessFunction> functions, Supplier<SqsClient> sqs, S3Client s3) {
        return Integrations.none()
                .withLambda(lambda(Map.copyOf(functions)))
                .withSqs(sqs(sqs))
                .withS3(objectStore(s3));
    }

    static LambdaInvoker lambda(Map<String, InProcessFunction> functions) {
        return (functionName, payloadJson) -> {
            InProcessFunction fn = functions.get(functionNameOf(functionName));
            if (fn == null) {
                throw new ResourceNotFoundException("Function not found: " + functionName);
            }
            try {
                return LambdaResponse.ok(fn.invoke(payloadJson));
            } catch (FunctionError e) {
                return new LambdaResponse(e.payloadJson(), "Unhandled");
            }
        };
    }

    /**
     * The function name in a FunctionName parameter: a name, a full ARN
     * ({@code arn:aws:lambda:region:account:function:name[:qualifier]}) or a partial one ({@code account:function:name}).
     */
    static String functionNameOf(String nameOrArn) {
        String[] parts = nameOrArn.split(":");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("function")) {
                return parts[i + 1];
            }
        }
        return nameOrArn;
    }

    static SqsSender sqs(Supplier<SqsClient> client) {
        return parameters -> {
            SqsClient sqs = client.get();
            JsonNode body = parameters.get("MessageBody");
            String text = body == null || body.isNull() ? "" : body.isTextual() ? body.asText() : body.toString();
            SendMessageResponse r = sqs.sendMessage(m -> {
                m.queueUrl(parameters.path("QueueUrl").asText()).messageBody(text);
                if (parameters.has("DelaySeconds")) {
                    m.delaySeconds(parameters.get("DelaySeconds").asInt());
                }
                if (parameters.has("MessageGroupId")) {
                    m.messageGroupId(parameters.get("MessageGroupId").asText());
                }
                if (parameters.has("MessageDeduplicationId")) {
                    m.messageDeduplicationId(parameters.get("MessageDeduplicationId").asText());
                }
            });
            ObjectNode out = JSON.createObjectNode();
            out.put("MD5OfMessageBody", r.md5OfMessageBody());
            out.put("MessageId", r.messageId());
            return out;
        };
    }

    static ObjectStore objectStore(S3Client s3) {
        return new ObjectStore() {
            @Override
            public Optional<byte[]> get(String bucket, String key) {
                try {
                    return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
                } catch (NoSuchKeyException | NoSuchBucketException e) {
                    return Optional.empty();
                }
            }

            @Override
            public void put(String bucket, String key, byte[] body) {
                s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body));
            }
        };
    }

    /** Lambda's error for an unknown function; the engine reports it as {@code Lambda.ResourceNotFoundException}. */
    public static final class ResourceNotFoundException extends RuntimeException {
        public ResourceNotFoundException(String message) {
            super(message);
        }
    }
}
