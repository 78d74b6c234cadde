package dev.latchkey.config.ssm;

import dev.latchkey.config.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * SSM Parameter Store's {@code GetParameter}, called through SSM's JSON API with the SDK's SigV4 signer and the HTTP
 * client already in the jar: the SDK's {@code ssm} module would bring a client for every SSM operation (and does not
 * resolve from the registry here) for the one call a few functions make once per instance.
 */
public final class SsmParameterStore implements ParameterStore {
    private static final int ATTEMPTS = 2;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint SSM's endpoint: {@link #regionalEndpoint} in AWS, an emulator's in tests
     */
    public SsmParameterStore(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpoint) {
        this.http = Objects.requireNonNull(http);
        this.credentials = Objects.requireNonNull(credentials);
        this.region = Objects.requireNonNull(region);
        this.endpoint = Objects.requireNonNull(endpoint);
    }

    /** {@code https://ssm.<region>.<the partition's DNS suffix>}. */
    public static URI regionalEndpoint(String region) {
        return URI.create("https://ssm." + region + "." + PartitionMetadata.of(Region.of(region)).dnsSuffix());
    }

    @Override
    public String read(String name) {
        // written into the JSON as it is: nothing that would need escaping (SSM's names never do)
        if (name == null || name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            throw new IllegalArgumentException("not an SSM parameter name: " + name);
        }
        Answer answer = call("AmazonSSM.GetParameter", "{\"Name\":\"" + name + "\"}");
        if (answer.status() == 200) {
            JsonNode value = JsonNode.parser().parse(answer.body()).field("Parameter").flatMap(p -> p.field("Value"))
                    .orElseThrow(() -> new IllegalStateException("SSM parameter " + name + ": GetParameter answered without a value"));
            return value.asString();
        }
        String error = answer.errorType().orElse("HTTP " + answer.status());
        String reason = switch (error) {
            case "ParameterNotFound" -> "does not exist (in " + region + ")";
            case "AccessDeniedException" -> "may not be read by this function (ssm:GetParameter is not granted on it)";
            default -> "could not be read: " + error;
        };
        throw new IllegalStateException("SSM parameter " + name + " " + reason);
    }

    /** An SSM JSON API call, signed; one retry when the service does not answer, fails or throttles. */
    Answer call(String target, String json) {
        Answer answer = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                answer = send(target, json);
                if (answer.status() < 500 && !answer.errorType().filter("ThrottlingException"::equals).isPresent()) {
                    return answer;
                }
            } catch (IOException | UncheckedIOException e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("SSM (" + endpoint.getHost() + ") did not answer " + target + ": "
                            + e.getClass().getSimpleName(), e);
                }
            }
        }
        return answer;
    }

    private Answer send(String target, String json) throws IOException {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target)
                .build();
        SignedRequest signed = signer.sign(r -> r.request(request)
                .payload(ContentStreamProvider.fromUtf8String(json))
                .identity(credentials.resolveCredentials())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build()).call();
        String body;
        try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Answer(response.httpResponse().statusCode(), body);
    }

    /** What SSM answered: the status and the JSON body. */
    record Answer(int status, String body) {
        /** The error's type without its namespace ({@code com.amazonaws.ssm#ParameterNotFound} is ParameterNotFound). */
        Optional<String> errorType() {
            if (status < 300 || body.isBlank()) {
                return Optional.empty();
            }
            try {
                return JsonNode.parser().parse(body).field("__type").map(JsonNode::asString)
                        .map(type -> type.substring(type.lastIndexOf('#') + 1));
            } catch (RuntimeException notJson) {
                return Optional.empty();
            }
        }
    }
}
