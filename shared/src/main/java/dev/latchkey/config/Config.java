package dev.latchkey.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Latchkey reads from its environment, parsed once at init. Field names map to the
 * environment variables documented in the README's configuration table.
 */
public record Config(
        String tableName,
        String region,
        Optional<URI> dynamoDbEndpoint,
        MailTransport mailTransport,
        Optional<URI> sesEndpoint,
        String mailFrom,
        URI linkBaseUrl,
        int passwordIterations,
        Duration sessionLifetime,
        Duration verificationLifetime) {

    /** OWASP's 2023 minimum for PBKDF2-HMAC-SHA256. */
    public static final int MIN_PASSWORD_ITERATIONS = 600_000;

    public enum MailTransport { SES, OUTBOX }

    public Config {
        require(tableName, "TABLE_NAME");
        require(region, "AWS_REGION");
        require(mailFrom, "LATCHKEY_MAIL_FROM");
        if (passwordIterations < 1) {
            throw new IllegalArgumentException("LATCHKEY_PASSWORD_ITERATIONS must be positive");
        }
    }

    /** True when AWS endpoints are overridden (DynamoDB Local, moto): use fixed local credentials. */
    public boolean usesLocalEndpoints() {
        return dynamoDbEndpoint.isPresent();
    }

    public static Config fromEnvironment(Map<String, String> env) {
        String iterations = env.getOrDefault("LATCHKEY_PASSWORD_ITERATIONS", String.valueOf(MIN_PASSWORD_ITERATIONS));
        int parsedIterations;
        try {
            parsedIterations = Integer.parseInt(iterations.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LATCHKEY_PASSWORD_ITERATIONS is not a number: " + iterations);
        }
        if (parsedIterations < MIN_PASSWORD_ITERATIONS) {
            throw new IllegalArgumentException(
                    "LATCHKEY_PASSWORD_ITERATIONS must be at least " + MIN_PASSWORD_ITERATIONS + " (OWASP minimum)");
        }
        String transport = env.getOrDefault("LATCHKEY_MAIL_TRANSPORT", "ses").trim().toUpperCase(java.util.Locale.ROOT);
        Optional<URI> dynamoDbEndpoint = optionalUri(env, "LATCHKEY_DYNAMODB_ENDPOINT");
        if (transport.equals("OUTBOX") && env.containsKey("AWS_LAMBDA_FUNCTION_NAME") && dynamoDbEndpoint.isEmpty()) {
            // The outbox prints mail, one-time links included, to stdout: in Lambda that is CloudWatch.
            throw new IllegalArgumentException("LATCHKEY_MAIL_TRANSPORT=outbox is for local runs only, not for Lambda");
        }
        return new Config(
                env.get("TABLE_NAME"),
                env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1")),
                dynamoDbEndpoint,
                MailTransport.valueOf(transport),
                optionalUri(env, "LATCHKEY_SES_ENDPOINT"),
                env.get("LATCHKEY_MAIL_FROM"),
                URI.create(env.getOrDefault("LATCHKEY_LINK_BASE_URL", "http://localhost:3000")),
                parsedIterations,
                Duration.ofDays(7),
                Duration.ofHours(24));
    }

    private static Optional<URI> optionalUri(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value.trim()));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
    }
}
