package dev.latchkey.mail;

import dev.latchkey.mail.ses.SesMailer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * SesMailer against LocalStack in a container. Runs only where a Docker engine answers; elsewhere
 * {@link SesMailerTest} (moto_server, no Docker) covers the same adapter.
 *
 * <p>The image is pinned: since March 2026 LocalStack's newest images want an auth token. Another
 * image can be chosen with {@code -Dlatchkey.localstack.image=...}; a {@code LOCALSTACK_AUTH_TOKEN}
 * in the environment is passed on.
 */
@EnabledIf(value = "dockerAvailable",
        disabledReason = "no Docker engine answers, so LocalStack cannot start; SesMailerTest covers SES with moto_server")
@DisplayName("SesMailer sends through SES (LocalStack)")
class SesMailerLocalStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DockerImageName IMAGE = DockerImageName.parse(
            System.getProperty("latchkey.localstack.image", "localstack/localstack:4.4"))
            .asCompatibleSubstituteFor("localstack/localstack");
    private static final String SENDER = "no-reply@latchkey.test";
    private static final String RECIPIENT = "ada@example.com";

    private static LocalStackContainer localstack;
    private static SesClient ses;

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    @BeforeAll
    static void startLocalStack() {
        localstack = new LocalStackContainer(IMAGE).withServices(LocalStackContainer.Service.SES);
        String authToken = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (authToken != null && !authToken.isBlank()) {
            localstack.withEnv("LOCALSTACK_AUTH_TOKEN", authToken);
        }
        localstack.start();
        ses = SesClient.builder()
                .endpointOverride(localstack.getEndpoint())
                .region(Region.of(localstack.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stopLocalStack() {
        if (ses != null) {
            ses.close();
        }
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Test
    @DisplayName("a mail from a verified sender is accepted and LocalStack lists it with both bodies")
    void sendsFromVerifiedSender() throws Exception {
        ses.verifyEmailIdentity(request -> request.emailAddress(SENDER));
        String link = "https://app.latchkey.test/signup/confirm?token=" + UUID.randomUUID();
        MailMessage mail = new MailMessage(
                RECIPIENT,
                "Bestätige deine Adresse – Latchkey " + UUID.randomUUID(),
                "Bestätige deine Adresse: " + link,
                "<p><a href=\"" + link + "\">Adresse bestätigen</a></p>");

        new SesMailer(ses, SENDER).send(mail);

        assertThat(sentMessagesWithSubject(mail.subject())).singleElement().satisfies(sent -> {
            assertThat(sent.path("Source").asText()).isEqualTo(SENDER);
            assertThat(sent.path("Destination").path("ToAddresses"))
                    .extracting(JsonNode::asText)
                    .containsExactly(RECIPIENT);
            assertThat(sent.path("Body").path("text_part").asText()).isEqualTo(mail.text());
            assertThat(sent.path("Body").path("html_part").asText()).isEqualTo(mail.html());
        });
    }

    /** LocalStack's retrospection endpoint answers {@code {"messages": [{"Id", "Source", "Subject", "Body": {...}}]}}. */
    private static List<JsonNode> sentMessagesWithSubject(String subject) throws IOException, InterruptedException {
        URI sent = localstack.getEndpoint().resolve("/_aws/ses?email=" + SENDER);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(sent).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
            assertThat(response.statusCode()).as("GET /_aws/ses").isEqualTo(200);
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode message : JSON.readTree(response.body()).path("messages")) {
                if (subject.equals(message.path("Subject").asText())) {
                    matching.add(message);
                }
            }
            return matching;
        }
    }
}
