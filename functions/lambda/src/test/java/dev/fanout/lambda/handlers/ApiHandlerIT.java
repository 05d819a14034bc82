package dev.fanout.lambda.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.lambda.ApiHandler;
import dev.fanout.lambda.support.Pipeline;
import dev.fanout.lambda.support.SfnStub;
import dev.fanout.lambda.support.TestContext;
import dev.fanout.lambda.support.TestEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API function with real storage (s3proxy) and the Step Functions stub. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHandlerIT {
    private Pipeline pipeline;
    private ApiHandler handler;

    @BeforeAll
    void start() throws Exception {
        pipeline = new Pipeline();
        handler = new ApiHandler(pipeline.wiring());
        pipeline.putInput("texts/book.txt", "call me ishmael\n");
    }

    @AfterAll
    void stop() throws Exception {
        pipeline.close();
    }

    private APIGatewayProxyResponseEvent post(String body) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/api-post-jobs.json");
        event.setBody(body);
        return handler.handleRequest(event, new TestContext());
    }

    private APIGatewayProxyResponseEvent request(String method, String path) {
        return handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod(method).withPath(path),
                new TestContext());
    }

    private static JsonNode json(APIGatewayProxyResponseEvent response) throws IOException {
        return Json.mapper().readTree(response.getBody());
    }

    @Nested
    class Submitting {
        @Test
        void startsAnExecutionNamedByTheJobId_forAnS3Input() throws Exception {
            APIGatewayProxyResponseEvent response = post(
                    "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://fanout-input/texts/book.txt\"}}");

            assertThat(response.getStatusCode()).isEqualTo(202);
            JsonNode body = json(response);
            String jobId = body.path("jobId").asText();
            assertThat(body.path("status").asText()).isEqualTo("RUNNING");
            // the fixture is a call to the default endpoint, whose path includes the stage
            assertThat(body.path("statusUrl").asText()).isEqualTo("/prod/jobs/" + jobId);
            SfnStub.Call start = pipeline.sfn().calls("StartExecution").stream()
                    .filter(c -> c.body().path("name").asText().equals(jobId)).findFirst().orElseThrow();
            JsonNode input = Json.mapper().readTree(start.body().path("input").asText());
            assertThat(input.path("jobType").asText()).isEqualTo("wordcount");
            assertThat(input.path("input").path("bucket").asText()).isEqualTo(TestEnv.INPUT_BUCKET);
            assertThat(input.path("input").path("key").asText()).isEqualTo("texts/book.txt");
        }

        @Test
        void storesInlineItemsInTheInputBucketFirst() throws Exception {
            APIGatewayProxyResponseEvent response = post("{\"jobType\":\"double\",\"input\":{\"items\":[1,2.5,3]}}");

            assertThat(response.getStatusCode()).isEqualTo(202);
            String jobId = json(response).path("jobId").asText();
            byte[] stored = pipeline.read(new ObjectLocation(TestEnv.INPUT_BUCKET, Keys.inlineInput(jobId)));
            assertThat(Json.mapper().readTree(stored)).isEqualTo(Json.mapper().readTree("[1,2.5,3]"));
        }

        @Test
        void startsOneJobPerClientToken() throws Exception {
            String token = "retry-" + UUID.randomUUID();
            String body = "{\"jobType\":\"wordcount\",\"clientToken\":\"" + token
                    + "\",\"input\":{\"s3Uri\":\"s3://fanout-input/texts/book.txt\"}}";

            JsonNode first = json(post(body));
            JsonNode second = json(post(body));

            assertThat(second.path("jobId").asText()).isEqualTo(first.path("jobId").asText());
            assertThat(first.path("duplicate").asBoolean()).isFalse();
            assertThat(second.path("duplicate").asBoolean()).isTrue();
            assertThat(pipeline.sfn().calls("StartExecution").stream()
                    .filter(c -> c.body().path("name").asText().equals(first.path("jobId").asText())))
                    .hasSize(1);
        }

        @Test
        void acceptsABase64EncodedBody() throws Exception {
            APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/api-post-jobs.json");
            event.setBody(Base64.getEncoder().encodeToString(
                    "{\"jobType\":\"double\",\"input\":{\"items\":[4]}}".getBytes(StandardCharsets.UTF_8)));
            event.setIsBase64Encoded(true);

            assertThat(handler.handleRequest(event, new TestContext()).getStatusCode()).isEqualTo(202);
        }
    }

    @Nested
    class BadRequests {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                unknown job type        | {"jobType":"nope","input":{"items":[1]}}                                         | jobType
                missing input           | {"jobType":"wordcount"}                                                          | input
                foreign S3 URI          | {"jobType":"wordcount","input":{"s3Uri":"s3://someone-elses/data.txt"}}          | input.s3Uri
                missing S3 object       | {"jobType":"wordcount","input":{"s3Uri":"s3://fanout-input/texts/nothing.txt"}}  | input.s3Uri
                not an S3 URI           | {"jobType":"wordcount","input":{"s3Uri":"https://example.com/x"}}                | input.s3Uri
                negative chunk size     | {"jobType":"wordcount","chunkSizeBytes":-5,"input":{"s3Uri":"s3://fanout-input/texts/book.txt"}} | chunkSizeBytes
                absurd chunk size       | {"jobType":"wordcount","chunkSizeBytes":1000000000000000,"input":{"s3Uri":"s3://fanout-input/texts/book.txt"}} | chunkSizeBytes
                zero items per chunk    | {"jobType":"double","chunkSizeItems":0,"input":{"items":[1]}}                    | chunkSizeItems
                malformed JSON          | {"jobType": "wordcount", "input":                                                | body
                not an object           | [1,2,3]                                                                          | body
                """)
        void answers400NamingTheField(String problem, String body, String field) throws Exception {
            APIGatewayProxyResponseEvent response = post(body);

            assertThat(response.getStatusCode()).as(problem).isEqualTo(400);
            JsonNode error = json(response);
            assertThat(error.path("error").asText()).isEqualTo("InvalidRequest");
            assertThat(error.path("field").asText()).isEqualTo(field);
            assertThat(error.path("message").asText()).startsWith(field + ": ");
        }

        @Test
        void answers400ForTooManyInlineItems() throws Exception {
            String items = IntStream.range(0, 10_001).mapToObj(Integer::toString).collect(Collectors.joining(","));

            APIGatewayProxyResponseEvent response = post("{\"jobType\":\"double\",\"input\":{\"items\":[" + items + "]}}");

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).isEqualTo("input.items");
            assertThat(json(response).path("message").asText()).contains("10001");
        }

        @Test
        void answers400ForAMissingBody() throws Exception {
            APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/api-post-jobs.json");
            event.setBody(null);

            APIGatewayProxyResponseEvent response = handler.handleRequest(event, new TestContext());

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).isEqualTo("body");
        }

        @Test
        void startsNothingForABadRequest() {
            int before = pipeline.sfn().calls("StartExecution").size();

            post("{\"jobType\":\"nope\",\"input\":{\"items\":[1]}}");

            assertThat(pipeline.sfn().calls("StartExecution")).hasSize(before);
        }
    }

    @Nested
    class Status {
        @Test
        void showsASubmittedJob() throws Exception {
            String jobId = json(post("{\"jobType\":\"double\",\"input\":{\"items\":[1]}}")).path("jobId").asText();
            pipeline.sfn().mapRun(jobId, 1, 0, 0);
            APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/api-get-job.json");
            event.setPath("/jobs/" + jobId);
            event.setPathParameters(Map.of("jobId", jobId));

            APIGatewayProxyResponseEvent response = handler.handleRequest(event, new TestContext());

            assertThat(response.getStatusCode()).isEqualTo(200);
            JsonNode view = json(response);
            assertThat(view.path("jobId").asText()).isEqualTo(jobId);
            assertThat(view.path("status").asText()).isEqualTo("RUNNING");
            assertThat(view.path("chunksTotal").asLong()).isEqualTo(1);
        }

        @Test
        void answers404ForAnUnknownJob() throws Exception {
            APIGatewayProxyResponseEvent response = request("GET", "/jobs/no-such-job");

            assertThat(response.getStatusCode()).isEqualTo(404);
            assertThat(json(response).path("message").asText()).contains("no-such-job");
        }
    }

    @Nested
    class Redriving {
        private APIGatewayProxyResponseEvent redrive(String jobId) {
            APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/api-get-job.json");
            event.setHttpMethod("POST");
            event.setResource("/jobs/{jobId}/redrive");
            event.setPath("/jobs/" + jobId + "/redrive");
            event.setPathParameters(Map.of("jobId", jobId));
            return handler.handleRequest(event, new TestContext());
        }

        @Test
        void redrivesAFailedJob_answering202WithItsStatus() throws Exception {
            String jobId = json(post("{\"jobType\":\"double\",\"input\":{\"items\":[1]}}")).path("jobId").asText();
            pipeline.sfn().failed(jobId);

            APIGatewayProxyResponseEvent response = redrive(jobId);

            assertThat(response.getStatusCode()).isEqualTo(202);
            JsonNode body = json(response);
            assertThat(body.path("jobId").asText()).isEqualTo(jobId);
            assertThat(body.path("status").asText()).isEqualTo("RUNNING");
            assertThat(body.path("statusUrl").asText()).endsWith("/jobs/" + jobId);
            assertThat(pipeline.sfn().calls("RedriveExecution")).anySatisfy(c -> assertThat(
                    c.body().path("executionArn").asText()).isEqualTo(SfnStub.arn(jobId)));
        }

        @Test
        void answers409WithStepFunctionsReason_forAJobThatCannotBeRedriven() throws Exception {
            String jobId = json(post("{\"jobType\":\"double\",\"input\":{\"items\":[1]}}")).path("jobId").asText();

            APIGatewayProxyResponseEvent response = redrive(jobId);

            assertThat(response.getStatusCode()).isEqualTo(409);
            assertThat(json(response).path("error").asText()).isEqualTo("NotRedrivable");
            assertThat(json(response).path("message").asText()).isEqualTo("Execution is RUNNING and cannot be redriven");
        }

        @Test
        void answers404ForAnUnknownJob() throws Exception {
            APIGatewayProxyResponseEvent response = redrive("no-such-job");

            assertThat(response.getStatusCode()).isEqualTo(404);
            assertThat(json(response).path("message").asText()).contains("no-such-job");
        }
    }

    @Nested
    class Routing {
        @Test
        void answers404ForAnUnknownRoute() {
            assertThat(request("GET", "/nothing/here").getStatusCode()).isEqualTo(404);
        }

        @Test
        void answers405ForAWrongMethod() {
            APIGatewayProxyResponseEvent response = request("DELETE", "/jobs/some-job");

            assertThat(response.getStatusCode()).isEqualTo(405);
            assertThat(response.getHeaders()).containsEntry("Allow", "GET");
        }
    }
}
