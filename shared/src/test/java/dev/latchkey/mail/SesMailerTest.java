package dev.latchkey.mail;

import dev.latchkey.devkit.MotoServer;
import dev.latchkey.mail.ses.SesMailer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * SesMailer against a real SES emulator: {@code moto_server} (moto 5.2) on a free loopback port.
 *
 * <p>moto keeps one body per message in {@code /moto-api/data.json}: the HTML part when there is
 * one, else the text part. The text part and the charsets are therefore checked on the wire, in
 * the form-encoded SendEmail request the SDK transmits.
 */
@DisplayName("SesMailer sends through SES (moto_server)")
class SesMailerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENDER = "no-reply@latchkey.test";
    private static final String RECIPIENT = "ada@example.com";

    private static MotoServer moto;
    private static URI motoEndpoint;
    private static HttpClient http;
    private static SesClient ses;
    private static final WireTap wire = new WireTap();

    @BeforeAll
    static void startMotoServer() throws Exception {
        moto = MotoServer.start();
        motoEndpoint = moto.endpoint();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        ses = sesClient(motoEndpoint, wire);
    }

    @AfterAll
    static void stopMotoServer() throws Exception {
        if (ses != null) {
            ses.close();
        }
        if (http != null) {
            http.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    @DisplayName("refuses a missing or blank sender address")
    void refusesBlankSender() {
        assertThatThrownBy(() -> new SesMailer(ses, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SesMailer(ses, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a sender SES has not verified is refused with MailDeliveryException that keeps the body out of its message")
    void unverifiedSenderIsRefusedWithoutLeakingTheBody() throws Exception {
        MailMessage mail = confirmationMail();

        MailDeliveryException refused = catchThrowableOfType(MailDeliveryException.class,
                () -> new SesMailer(ses, "nobody-verified-me@latchkey.test").send(mail));

        assertThat(refused).isNotNull();
        assertThat(refused.errorCode()).contains("MessageRejected");
        assertThat(refused.getMessage())
                .contains(RECIPIENT)
                .contains("MessageRejected")
                .doesNotContain(mail.text())
                .doesNotContain(mail.html())
                .doesNotContain(tokenOf(mail));
        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                    .doesNotContain(tokenOf(mail));
        }
        assertThat(messagesWithSubject(mail.subject())).as("messages moto stored").isEmpty();
    }

    @Test
    @DisplayName("an unreachable SES endpoint surfaces as MailDeliveryException that keeps the body out of its message")
    void unreachableEndpointIsReportedWithoutLeakingTheBody() throws Exception {
        MailMessage mail = confirmationMail();
        URI nobodyListens = URI.create("http://127.0.0.1:" + MotoServer.freePort());

        try (SesClient unreachable = sesClient(nobodyListens, new WireTap())) {
            MailDeliveryException failed = catchThrowableOfType(MailDeliveryException.class,
                    () -> new SesMailer(unreachable, SENDER).send(mail));

            assertThat(failed).isNotNull();
            assertThat(failed.errorCode()).isEmpty();
            assertThat(failed.getMessage())
                    .contains(RECIPIENT)
                    .doesNotContain(mail.text())
                    .doesNotContain(tokenOf(mail));
        }
    }

    @Test
    @DisplayName("a mail from a verified sender reaches SES with its sender, recipient, subject and both bodies in UTF-8")
    void sendsFromVerifiedSender() throws Exception {
        ses.verifyEmailIdentity(request -> request.emailAddress(SENDER));
        MailMessage mail = confirmationMail();

        new SesMailer(ses, SENDER).send(mail);

        assertThat(messagesWithSubject(mail.subject())).singleElement().satisfies(stored -> {
            assertThat(stored.path("source").asText()).isEqualTo(SENDER);
            assertThat(stored.path("destinations").path("ToAddresses"))
                    .extracting(JsonNode::asText)
                    .containsExactly(RECIPIENT);
            assertThat(stored.path("subject").asText()).isEqualTo(mail.subject());
            assertThat(stored.path("body").asText()).as("the body moto keeps (the HTML part)")
                    .isEqualTo(mail.html());
        });
        assertThat(wire.sendEmailFormWithSubject(mail.subject())).hasValueSatisfying(form -> assertThat(form)
                .containsEntry("Source", SENDER)
                .containsEntry("Destination.ToAddresses.member.1", RECIPIENT)
                .containsEntry("Message.Subject.Data", mail.subject())
                .containsEntry("Message.Subject.Charset", "UTF-8")
                .containsEntry("Message.Body.Text.Data", mail.text())
                .containsEntry("Message.Body.Text.Charset", "UTF-8")
                .containsEntry("Message.Body.Html.Data", mail.html())
                .containsEntry("Message.Body.Html.Charset", "UTF-8"));
    }

    // --- fixtures ---

    /** A confirmation mail with a unique subject (moto is shared by the class) and a one-time link. */
    private static MailMessage confirmationMail() {
        String token = UUID.randomUUID().toString().replace("-", "") + "Zq8_kT3x-wP";
        String link = "https://app.latchkey.test/signup/confirm?token=" + token;
        return new MailMessage(
                RECIPIENT,
                "Bestätige deine Adresse – Latchkey " + UUID.randomUUID(),
                "Hallo Ada,\n\nbestätige deine Adresse: " + link + "\n\nGrüße, Latchkey",
                "<p>Hallo Ada,</p><p><a href=\"" + link + "\">Adresse bestätigen</a></p><p>Grüße, Latchkey</p>");
    }

    private static String tokenOf(MailMessage mail) {
        return mail.text().substring(mail.text().indexOf("token=") + "token=".length()).lines().findFirst().orElseThrow();
    }

    private static List<JsonNode> messagesWithSubject(String subject) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(motoEndpoint.resolve("/moto-api/data.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString(UTF_8));
        assertThat(response.statusCode()).as("GET /moto-api/data.json").isEqualTo(200);
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode message : JSON.readTree(response.body()).path("ses").path("Message")) {
            if (subject.equals(message.path("subject").asText())) {
                matching.add(message);
            }
        }
        return matching;
    }

    private static SesClient sesClient(URI endpoint, WireTap tap) {
        return SesClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(config -> config
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(tap))
                .build();
    }

    /** Keeps the form-encoded body of every SendEmail request the SDK transmits. */
    private static final class WireTap implements ExecutionInterceptor {
        private final List<Map<String, String>> sendEmailForms = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof SendEmailRequest)) {
                return;
            }
            // A query-protocol call carries its form in the marshalled request, not in requestBody().
            if (context.httpRequest() instanceof SdkHttpFullRequest full) {
                full.contentStreamProvider().ifPresent(content -> {
                    try (InputStream in = content.newStream()) {
                        sendEmailForms.add(parseForm(new String(in.readAllBytes(), UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }

        Optional<Map<String, String>> sendEmailFormWithSubject(String subject) {
            return sendEmailForms.stream()
                    .filter(form -> subject.equals(form.get("Message.Subject.Data")))
                    .findFirst();
        }

        private static Map<String, String> parseForm(String form) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : form.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                fields.put(URLDecoder.decode(name, UTF_8), URLDecoder.decode(value, UTF_8));
            }
            return fields;
        }
    }
}
