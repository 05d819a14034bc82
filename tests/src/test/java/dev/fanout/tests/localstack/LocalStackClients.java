package dev.fanout.tests.localstack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients for one endpoint (LocalStack's edge port), built once and closed together.
 *
 * <pre>{@code
 * try (LocalStackClients aws = LocalStackClients.create(endpoint, credentials, Region.US_EAST_1)) {
 *     aws.s3().listBuckets();
 * }
 * }</pre>
 */
public record LocalStackClients(URI endpoint, Region region, AwsBasicCredentials credentials, S3Client s3,
                                SqsClient sqs, LambdaClient lambda, SfnClient sfn, ApiGatewayClient apiGateway,
                                IamClient iam) implements AutoCloseable {

    public static LocalStackClients create(URI endpoint, AwsBasicCredentials credentials, Region region) {
        return new LocalStackClients(endpoint, region, credentials,
                configure(S3Client.builder().forcePathStyle(true), endpoint, credentials, region)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                configure(SqsClient.builder(), endpoint, credentials, region)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                configure(LambdaClient.builder(), endpoint, credentials, region)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                configure(SfnClient.builder(), endpoint, credentials, region)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                configure(ApiGatewayClient.builder(), endpoint, credentials, region)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                configure(IamClient.builder(), endpoint, credentials, region)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint,
                                                                  AwsBasicCredentials credentials, Region region) {
        return builder.endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials));
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
        lambda.close();
        sfn.close();
        apiGateway.close();
        iam.close();
    }
}
