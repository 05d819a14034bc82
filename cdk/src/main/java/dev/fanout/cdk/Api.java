package dev.fanout.cdk;

import dev.fanout.deployment.ApiRoute;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The REST API (API Gateway v1): the contract's routes ({@link ApiRoute}: {@code POST /jobs},
 * {@code GET /jobs/{jobId}} and {@code POST /jobs/{jobId}/redrive}), all through the ApiHandler alias as Lambda proxy
 * integrations. Every method requires
 * SigV4 (IAM) authorization; the stage is throttled and writes JSON access logs.
 */
public final class Api extends Construct {

    /**
     * @param rateLimit  steady-state requests per second for the stage
     * @param burstLimit burst of requests for the stage
     */
    public record ApiProps(LiveFunction handler, StateMachine stateMachine, int rateLimit, int burstLimit) {
        public ApiProps {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(stateMachine, "stateMachine");
            if (rateLimit < 1 || burstLimit < 1) {
                throw new IllegalArgumentException("throttling limits must be positive");
            }
        }
    }

    public static final String STAGE = ApiRoute.STAGE;

    private final RestApi restApi;

    public Api(Construct scope, String id, ApiProps props) {
        super(scope, id);
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        restApi = RestApi.Builder.create(this, "RestApi")
                .description("fanout jobs API")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // API Gateway writes logs only with an account-level CloudWatch role
                .cloudWatchRole(true)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                                .ip(true).caller(true).user(true).requestTime(true).httpMethod(true)
                                .resourcePath(true).status(true).protocol(true).responseLength(true).build()))
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .throttlingRateLimit(props.rateLimit())
                        .throttlingBurstLimit(props.burstLimit())
                        .build())
                .defaultMethodOptions(MethodOptions.builder().authorizationType(AuthorizationType.IAM).build())
                .build();
        addRoutes(props.handler());
        grantExecutions(props.handler(), props.stateMachine());
        suppressFindings();
    }

    private void addRoutes(LiveFunction handler) {
        RequestValidator validator = restApi.addRequestValidator("Validator", RequestValidatorOptions.builder()
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
        // only "a JSON object": the handler answers every finer problem with a 400 naming the field
        Model jobRequest = restApi.addModel("JobRequest", ModelOptions.builder()
                .contentType("application/json")
                .schema(JsonSchema.builder()
                        .schema(JsonSchemaVersion.DRAFT4)
                        .title("JobRequest")
                        .type(JsonSchemaType.OBJECT)
                        .build())
                .build());
        restApi.addGatewayResponse("BadRequestBody", GatewayResponseOptions.builder()
                .type(ResponseType.BAD_REQUEST_BODY)
                .statusCode("400")
                .templates(Map.of("application/json",
                        "{\"error\":\"InvalidRequest\",\"field\":\"body\",\"message\":\"$context.error.message\"}"))
                .build());
        LambdaIntegration integration = new LambdaIntegration(handler.alias());
        for (ApiRoute route : ApiRoute.values()) {
            MethodOptions.Builder options = MethodOptions.builder()
                    .authorizationType(AuthorizationType.IAM)
                    .requestValidator(validator);
            if (route.jsonBody()) {
                options.requestModels(Map.of("application/json", jobRequest));
            }
            Map<String, Boolean> parameters = new LinkedHashMap<>();
            route.pathParameters().forEach(name -> parameters.put("method.request.path." + name, true));
            if (!parameters.isEmpty()) {
                options.requestParameters(parameters);
            }
            resource(route).addMethod(route.method(), integration, options.build());
        }
    }

    /** The route's resource, created along its path where missing. */
    private IResource resource(ApiRoute route) {
        IResource resource = restApi.getRoot();
        for (String part : route.pathParts()) {
            IResource child = resource.getResource(part);
            resource = child != null ? child : resource.addResource(part);
        }
        return resource;
    }

    /**
     * Start jobs, read their executions and Map Runs for GET /jobs/{jobId}, and redrive them for POST
     * /jobs/{jobId}/redrive (RedriveExecution is an action on the execution resource).
     */
    private void grantExecutions(LiveFunction handler, StateMachine stateMachine) {
        stateMachine.grantStartExecution(handler.function());
        stateMachine.grantExecution(handler.function(), "states:DescribeExecution", "states:ListMapRuns",
                "states:RedriveExecution");
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(handler.function())
                .actions(List.of("states:DescribeMapRun"))
                .resourceArns(List.of(Stack.of(this).formatArn(ArnComponents.builder()
                        .service("states")
                        .resource("mapRun")
                        .resourceName(stateMachine.getStateMachineName() + "/*")
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build())))
                .build());
        NagFindings.suppress(handler.function().getRole(), NagFindings.stateMachineChildren(
                "GET /jobs/{jobId} describes the job's execution and its Map Run (chunk counts)."));
    }

    private void suppressFindings() {
        NagSuppressions.addResourceSuppressions(restApi, List.of(
                NagPackSuppression.builder().id("AwsSolutions-APIG3")
                        .reason("Every method requires SigV4-signed requests from IAM principals of the account and "
                                + "the stage is throttled; a WAF web ACL adds cost without closing a gap for this API.")
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-COG4")
                        .reason("The API is for IAM principals (services, CI, operators with awscurl); it uses IAM "
                                + "authorization instead of a Cognito user pool.")
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-IAM4")
                        .reason("The account-level API Gateway logging role uses AWS's managed "
                                + "AmazonAPIGatewayPushToCloudWatchLogs policy, which API Gateway documents for it.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AmazonAPIGatewayPushToCloudWatchLogs"))
                        .build()),
                true);
    }

    public RestApi restApi() {
        return restApi;
    }
}
