package dev.latchkey.functions.wiring;

import dev.latchkey.config.Config;
import dev.latchkey.config.ParameterStore;
import dev.latchkey.config.ssm.SsmParameterStore;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * SDK clients with everything explicit (region, credentials provider, HTTP client), so nothing is
 * discovered at start-up. Lambda supplies credentials in environment variables; local endpoints
 * (DynamoDB Local, moto) get fixed dummy credentials.
 */
@Module
public final class AwsModule {
    private AwsModule() {
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(Config config, SdkInterceptors interceptors) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config.dynamoDbEndpoint().isPresent()))
                .httpClient(UrlConnectionHttpClient.create());
        if (!interceptors.all().isEmpty()) {
            builder.overrideConfiguration(c -> c.executionInterceptors(interceptors.all()));
        }
        config.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Provides
    @Singleton
    static SesClient ses(Config config) {
        var builder = SesClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config.sesEndpoint().isPresent()))
                .httpClient(UrlConnectionHttpClient.create());
        config.sesEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** KMS for sealing TOTP secrets; built only when {@link SealingModule} first needs it. */
    @Provides
    @Singleton
    static KmsClient kms(Config config) {
        return KmsClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(false))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * SSM Parameter Store, for a link base given as {@code ssm:<name>}: built, like the reading, only when the first
     * mail link is (MailLinkBase). Short timeouts: a mail-sending request waits for it once per instance.
     */
    @Provides
    @Singleton
    static ParameterStore parameters(Config config) {
        return new SsmParameterStore(UrlConnectionHttpClient.builder()
                .connectionTimeout(java.time.Duration.ofSeconds(2))
                .socketTimeout(java.time.Duration.ofSeconds(3))
                .build(), credentials(false), config.region(), SsmParameterStore.regionalEndpoint(config.region()));
    }

    private static AwsCredentialsProvider credentials(boolean localEndpoint) {
        return localEndpoint
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : EnvironmentVariableCredentialsProvider.create();
    }
}
