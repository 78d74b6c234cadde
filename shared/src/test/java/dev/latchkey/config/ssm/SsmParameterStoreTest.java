package dev.latchkey.config.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.config.LinkBase;
import dev.latchkey.devkit.MotoServer;
import dev.latchkey.mail.MailLinkBase;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.testing.TestConfig;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The SSM adapter against a real SSM emulator, {@code moto_server}, and the link base read through it. */
@DisplayName("SsmParameterStore reads parameters from SSM (moto_server)")
class SsmParameterStoreTest {
    private static final AwsCredentialsProvider LOCAL = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private static MotoServer moto;
    private static SdkHttpClient urlConnection;
    private static final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();

    /** The HTTP client in the jar, keeping each request it sends. */
    private static final SdkHttpClient TAPPED = new SdkHttpClient() {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            sent.add(request.httpRequest());
            return urlConnection.prepareRequest(request);
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startMotoServer() throws Exception {
        moto = MotoServer.start();
        urlConnection = UrlConnectionHttpClient.create();
    }

    @AfterAll
    static void stopMotoServer() throws Exception {
        if (urlConnection != null) {
            urlConnection.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void clearTap() {
        sent.clear();
    }

    private static SsmParameterStore store(AwsCredentialsProvider credentials) {
        return new SsmParameterStore(TAPPED, credentials, "us-east-1", moto.endpoint());
    }

    /** A String parameter, put as the template's AWS::SSM::Parameter would. */
    private static String put(String value) {
        String name = "/latchkey/test-" + UUID.randomUUID() + "/link-base-url";
        SsmParameterStore.Answer answer = store(LOCAL).call("AmazonSSM.PutParameter",
                "{\"Name\":\"" + name + "\",\"Type\":\"String\",\"Value\":\"" + value + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return name;
    }

    private static MailLinkBase linkBase(String name) {
        return new MailLinkBase(TestConfig.withLinkBase(TestConfig.forTable(URI.create("http://127.0.0.1:1"), "t"),
                new LinkBase.Parameter(name)), () -> store(LOCAL));
    }

    @Test
    @DisplayName("case=GetParameter returns the value, in a POST signed with SigV4 for ssm in the region (with the session token Lambda's credentials carry)")
    void readsTheValueSigned() {
        String name = put("https://d111111abcdef8.cloudfront.net");
        sent.clear();
        AwsCredentialsProvider lambdaLike = StaticCredentialsProvider.create(AwsSessionCredentials.create("AKIDLOCAL", "secret", "the-session-token"));
        assertThat(store(lambdaLike).read(name)).isEqualTo("https://d111111abcdef8.cloudfront.net");
        assertThat(sent).hasSize(1);
        SdkHttpRequest request = sent.getFirst();
        assertThat(request.method().name()).isEqualTo("POST");
        assertThat(request.firstMatchingHeader("X-Amz-Target")).contains("AmazonSSM.GetParameter");
        assertThat(request.firstMatchingHeader("Content-Type")).contains("application/x-amz-json-1.1");
        assertThat(request.firstMatchingHeader("X-Amz-Security-Token")).contains("the-session-token");
        assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(authorization -> assertThat(authorization)
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDLOCAL/")
                .contains("/us-east-1/ssm/aws4_request")
                .containsPattern("SignedHeaders=[^,]*content-type[^,]*;host;[^,]*x-amz-security-token;x-amz-target")
                .doesNotContain("secret,"));
    }

    @Test
    @DisplayName("case=a missing parameter is an error that names it and says it does not exist; so is the first link built from it")
    void missingParameter() {
        String name = "/latchkey/missing-" + UUID.randomUUID() + "/link-base-url";
        assertThatThrownBy(() -> store(LOCAL).read(name)).isInstanceOf(IllegalStateException.class)
                .hasMessage("SSM parameter " + name + " does not exist (in us-east-1)");
        MailTemplates templates = new MailTemplates(linkBase(name));
        assertThatThrownBy(() -> templates.verifySignup("ada@example.com", "tok", 24)).hasMessageContaining(name).hasMessageContaining("does not exist");
    }

    @Test
    @DisplayName("case=mail links start at the parameter's URL, read once; an http URL (not localhost) in it is refused like in LATCHKEY_LINK_BASE_URL")
    void linkBaseThroughTheParameter() {
        String name = put("https://d111111abcdef8.cloudfront.net/");
        MailTemplates templates = new MailTemplates(linkBase(name));
        sent.clear();
        assertThat(templates.resetPassword("ada@example.com", "tok_1", 60).text()).contains("https://d111111abcdef8.cloudfront.net/reset-password#token=tok_1");
        assertThat(templates.mfaDisabled("ada@example.com").text()).contains("https://d111111abcdef8.cloudfront.net/account/security");
        assertThat(sent).as("GetParameter calls").hasSize(1);

        String plain = put("http://d111111abcdef8.cloudfront.net");
        assertThatThrownBy(() -> linkBase(plain).get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the link base in SSM parameter " + plain + " must be https (http only for localhost): http://d111111abcdef8.cloudfront.net");
        assertThat(linkBase(put("http://localhost:3000")).get()).isEqualTo("http://localhost:3000");
    }

    @Test
    @DisplayName("case=SSM not answering is an error naming the endpoint, after one retry")
    void unreachable() throws Exception {
        SsmParameterStore nowhere = new SsmParameterStore(TAPPED, LOCAL, "us-east-1", URI.create("http://127.0.0.1:" + MotoServer.freePort()));
        assertThatThrownBy(() -> nowhere.read("/latchkey/x/link-base-url")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SSM (127.0.0.1) did not answer AmazonSSM.GetParameter");
        assertThat(sent).hasSize(2);
    }

    @Test
    @DisplayName("case=the endpoint in AWS is SSM's in the function's region and partition")
    void regionalEndpoint() {
        assertThat(SsmParameterStore.regionalEndpoint("eu-west-1")).hasToString("https://ssm.eu-west-1.amazonaws.com");
        assertThat(SsmParameterStore.regionalEndpoint("cn-north-1")).hasToString("https://ssm.cn-north-1.amazonaws.com.cn");
    }
}
