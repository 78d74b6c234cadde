package dev.latchkey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("TABLE_NAME", "latchkey", "LATCHKEY_MAIL_FROM", "no-reply@example.com"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    @DisplayName("case=a missing table name or sender fails at start-up, naming the variable")
    void requiredVariables() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LATCHKEY_MAIL_FROM", "a@example.com")))
                .hasMessageContaining("TABLE_NAME");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("TABLE_NAME", "t"))).hasMessageContaining("LATCHKEY_MAIL_FROM");
    }

    @Test
    @DisplayName("case=password hashing below OWASP's 600,000 iterations is refused; more is allowed")
    void iterationFloor() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("LATCHKEY_PASSWORD_ITERATIONS", "10000")))
                .hasMessageContaining("at least 600000");
        assertThatThrownBy(() -> Config.fromEnvironment(env("LATCHKEY_PASSWORD_ITERATIONS", "lots")))
                .hasMessageContaining("not a number");
        assertThat(Config.fromEnvironment(env("LATCHKEY_PASSWORD_ITERATIONS", "700000")).passwordIterations()).isEqualTo(700_000);
    }

    @Test
    @DisplayName("case=defaults: SES, 600,000 iterations, 7-day sessions, 24-hour links, no endpoint overrides")
    void defaults() {
        Config config = Config.fromEnvironment(env("AWS_REGION", "eu-west-1"));
        assertThat(config.mailTransport()).isEqualTo(Config.MailTransport.SES);
        assertThat(config.passwordIterations()).isEqualTo(600_000);
        assertThat(config.sessionLifetime().toDays()).isEqualTo(7);
        assertThat(config.verificationLifetime().toHours()).isEqualTo(24);
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.dynamoDbEndpoint()).isEmpty();
        assertThat(config.sesEndpoint()).isEmpty();
    }

    @Test
    @DisplayName("case=local overrides are read")
    void overrides() {
        Config config = Config.fromEnvironment(env("LATCHKEY_MAIL_TRANSPORT", "outbox",
                "LATCHKEY_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000", "LATCHKEY_LINK_BASE_URL", "https://app.example.com"));
        assertThat(config.mailTransport()).isEqualTo(Config.MailTransport.OUTBOX);
        assertThat(config.dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(config.linkBaseUrl()).isEqualTo(URI.create("https://app.example.com"));
    }

    @Test
    @DisplayName("case=the outbox, which prints links, is refused inside Lambda against real AWS")
    void noOutboxInLambda() {
        // and no TOTP secret sealed with a key only one instance knows: Lambda needs the KMS key
        assertThatThrownBy(() -> Config.fromEnvironment(env("AWS_LAMBDA_FUNCTION_NAME", "latchkey-CreateSession")))
                .hasMessageContaining("LATCHKEY_KMS_KEY_ID");
        Config lambda = Config.fromEnvironment(env("AWS_LAMBDA_FUNCTION_NAME", "latchkey-CreateSession",
                "LATCHKEY_KMS_KEY_ID", " arn:aws:kms:us-east-1:123456789012:key/1234 ", "LATCHKEY_MFA_ISSUER", "Acme Cloud"));
        assertThat(lambda.kmsKeyId()).contains("arn:aws:kms:us-east-1:123456789012:key/1234");
        assertThat(lambda.mfaIssuer()).isEqualTo("Acme Cloud");
        assertThatThrownBy(() -> Config.fromEnvironment(env("LATCHKEY_MFA_ISSUER", "Acme:Cloud")))
                .hasMessageContaining("LATCHKEY_MFA_ISSUER");
        assertThatThrownBy(() -> Config.fromEnvironment(env("LATCHKEY_MAIL_TRANSPORT", "outbox", "AWS_LAMBDA_FUNCTION_NAME", "latchkey-Signup",
                "LATCHKEY_KMS_KEY_ID", "alias/latchkey-totp-secrets")))
                .hasMessageContaining("local runs only");
        assertThat(Config.fromEnvironment(env("LATCHKEY_MAIL_TRANSPORT", "outbox", "AWS_LAMBDA_FUNCTION_NAME", "bench",
                "LATCHKEY_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000")).mailTransport()).isEqualTo(Config.MailTransport.OUTBOX);
    }

    @Test
    @DisplayName("case=LATCHKEY_LINK_BASE_URL ssm:<name> names the SSM parameter that holds the link base; nothing is read at start-up")
    void linkBaseFromAParameter() {
        Config config = Config.fromEnvironment(env("LATCHKEY_LINK_BASE_URL", "ssm:/latchkey/prod-stack/link-base-url"));
        assertThat(config.linkBase()).isEqualTo(new LinkBase.Parameter("/latchkey/prod-stack/link-base-url"));
        assertThatThrownBy(config::linkBaseUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("first link");
        assertThat(Config.fromEnvironment(env("LATCHKEY_LINK_BASE_URL", " ssm:plain-name ")).linkBase())
                .isEqualTo(new LinkBase.Parameter("plain-name"));
        for (String bad : new String[] {"ssm:", "ssm:/", "ssm:/a//b", "ssm:/a b", "ssm:/a\"b", "ssm:/ünïcode", "ssm:/" + "x".repeat(1011)}) {
            assertThatThrownBy(() -> Config.fromEnvironment(env("LATCHKEY_LINK_BASE_URL", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LATCHKEY_LINK_BASE_URL").hasMessageContaining("SSM parameter name");
        }
    }

    @Test
    @DisplayName("case=a link base URL must be absolute, https (http only for localhost), without query or fragment")
    void linkBaseUrlRules() {
        assertThat(Config.fromEnvironment(env()).linkBase()).isEqualTo(new LinkBase.Url(URI.create("http://localhost:3000")));
        assertThat(Config.fromEnvironment(env("LATCHKEY_LINK_BASE_URL", "http://127.0.0.1:8080")).linkBaseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(Config.fromEnvironment(env("LATCHKEY_LINK_BASE_URL", "https://d111111abcdef8.cloudfront.net/")).linkBaseUrl())
                .isEqualTo(URI.create("https://d111111abcdef8.cloudfront.net/"));
        Map<String, String> refused = Map.of(
                "http://app.example.com", "must be https (http only for localhost)",
                "ftp://app.example.com", "must be https",
                "/relative", "absolute URL",
                "https://app.example.com/?next=x", "query or fragment",
                "https://app.example.com/#x", "query or fragment",
                "https://app example.com", "not a URL");
        refused.forEach((value, message) -> assertThatThrownBy(() -> Config.fromEnvironment(env("LATCHKEY_LINK_BASE_URL", value)))
                .as(value).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LATCHKEY_LINK_BASE_URL").hasMessageContaining(message));
    }

    @Test
    @DisplayName("case=LATCHKEY_ORIGIN_SECRET: absent or empty is none; 32 to 1024 visible ASCII characters; neither an error nor the config's text shows it")
    void originSecret() {
        assertThat(Config.fromEnvironment(env()).originSecret()).isEmpty();
        assertThat(Config.fromEnvironment(env("LATCHKEY_ORIGIN_SECRET", "")).originSecret()).isEmpty();
        String secret = "Gen3ratedBySecretsManagerWithoutPunctuation0123456789abcdefghijk";
        Config config = Config.fromEnvironment(env("LATCHKEY_ORIGIN_SECRET", secret));
        assertThat(config.originSecret()).contains(new OriginSecret(secret));
        assertThat(config.toString()).doesNotContain(secret);
        for (String bad : new String[] {"short-secret-value", "has a space in it but is long enough 0123456789", "x".repeat(1025)}) {
            assertThatThrownBy(() -> Config.fromEnvironment(env("LATCHKEY_ORIGIN_SECRET", bad))).as(bad)
                    .hasMessageContaining("LATCHKEY_ORIGIN_SECRET").hasMessageNotContaining(bad);
        }
    }
}
