package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the one S3 client configuration the pipeline uses, from {@link S3Settings}. */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * A synchronous client on the Apache HTTP client with the standard retry strategy (jittered exponential
     * backoff, separate throttling backoff) limited to {@code maxAttempts}, and the per-call and per-attempt
     * deadlines. Static credentials when both keys are set, else the default provider chain.
     */
    public static S3Client create(S3Settings settings) {
        return create(settings, List.of());
    }

    /**
     * As {@link #create(S3Settings)}, observing requests with {@code interceptors} (tests count requests).
     * SDK 2.57 deprecates the Apache 4 client (apache-client) in favour of apache5-client; the build declares
     * apache-client, so it is used here until the dependency is switched.
     */
    @SuppressWarnings("deprecation")
    static S3Client create(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        requireNonNull(settings, "settings");
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts()).build())
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .executionInterceptors(List.copyOf(interceptors))
                .build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                // A hung read must end with its attempt, not after the HTTP client's own 30 s default.
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(settings.attemptTimeout()))
                .overrideConfiguration(override);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
