package dev.latchkey.config;

import java.net.URI;
import java.nio.file.Path;
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
        LinkBase linkBase,
        int passwordIterations,
        Duration sessionLifetime,
        Duration verificationLifetime,
        Duration sessionIdleTimeout,
        int maxSessionsPerUser,
        String mfaIssuer,
        Optional<String> kmsKeyId,
        Optional<Path> sealingKeyFile,
        Duration invitationLifetime,
        Optional<OriginSecret> originSecret) {

    /** OWASP's 2023 minimum for PBKDF2-HMAC-SHA256. */
    public static final int MIN_PASSWORD_ITERATIONS = 600_000;

    /** A session unused this long ends (docs/security.md says why this default). */
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofHours(24);
    /** Signing in past this many live sessions ends the oldest. */
    public static final int DEFAULT_MAX_SESSIONS_PER_USER = 10;

    public enum MailTransport { SES, OUTBOX }

    public static final String DEFAULT_MFA_ISSUER = "Latchkey";
    /** How long an application invitation's mailed token works. */
    public static final Duration DEFAULT_INVITATION_LIFETIME = Duration.ofDays(7);

    /**
     * The defaults for MFA: issuer {@value #DEFAULT_MFA_ISSUER}, TOTP secrets sealed with a key held in memory
     * (tests and an ephemeral dev server; never in Lambda, where {@link #fromEnvironment} requires a KMS key).
     */
    public Config(String tableName, String region, Optional<URI> dynamoDbEndpoint, MailTransport mailTransport,
                  Optional<URI> sesEndpoint, String mailFrom, URI linkBaseUrl, int passwordIterations,
                  Duration sessionLifetime, Duration verificationLifetime, Duration sessionIdleTimeout, int maxSessionsPerUser) {
        this(tableName, region, dynamoDbEndpoint, mailTransport, sesEndpoint, mailFrom, new LinkBase.Url(linkBaseUrl),
                passwordIterations, sessionLifetime, verificationLifetime, sessionIdleTimeout, maxSessionsPerUser, DEFAULT_MFA_ISSUER,
                Optional.empty(), Optional.empty(), DEFAULT_INVITATION_LIFETIME, Optional.empty());
    }

    /** The same with another place for the key that seals TOTP secrets locally (the dev server's data directory). */
    public Config withSealingKeyFile(Path file) {
        return new Config(tableName, region, dynamoDbEndpoint, mailTransport, sesEndpoint, mailFrom, linkBase,
                passwordIterations, sessionLifetime, verificationLifetime, sessionIdleTimeout, maxSessionsPerUser, mfaIssuer,
                kmsKeyId, Optional.of(file), invitationLifetime, originSecret);
    }

    /** The defaults for the idle timeout and the session cap. */
    public Config(String tableName, String region, Optional<URI> dynamoDbEndpoint, MailTransport mailTransport,
                  Optional<URI> sesEndpoint, String mailFrom, URI linkBaseUrl, int passwordIterations,
                  Duration sessionLifetime, Duration verificationLifetime) {
        this(tableName, region, dynamoDbEndpoint, mailTransport, sesEndpoint, mailFrom, linkBaseUrl, passwordIterations,
                sessionLifetime, verificationLifetime, DEFAULT_SESSION_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS_PER_USER);
    }

    public Config {
        require(tableName, "TABLE_NAME");
        require(region, "AWS_REGION");
        require(mailFrom, "LATCHKEY_MAIL_FROM");
        if (passwordIterations < 1) {
            throw new IllegalArgumentException("LATCHKEY_PASSWORD_ITERATIONS must be positive");
        }
        java.util.Objects.requireNonNull(linkBase, "LATCHKEY_LINK_BASE_URL");
        if (sessionIdleTimeout.compareTo(Duration.ofMinutes(5)) < 0 || sessionIdleTimeout.compareTo(sessionLifetime) > 0) {
            throw new IllegalArgumentException("LATCHKEY_SESSION_IDLE_TIMEOUT must be between 5 minutes and the session lifetime");
        }
        if (maxSessionsPerUser < 1 || maxSessionsPerUser > 100) {
            throw new IllegalArgumentException("LATCHKEY_MAX_SESSIONS_PER_USER must be 1 to 100");
        }
        if (mfaIssuer == null || mfaIssuer.isBlank() || mfaIssuer.length() > 64 || mfaIssuer.contains(":")
                || mfaIssuer.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("LATCHKEY_MFA_ISSUER must be 1 to 64 printable characters without ':'");
        }
        if (invitationLifetime.compareTo(Duration.ofDays(1)) < 0 || invitationLifetime.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("LATCHKEY_INVITATION_DAYS must be 1 to 30");
        }
        java.util.Objects.requireNonNull(originSecret, "LATCHKEY_ORIGIN_SECRET");
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
        Optional<String> kmsKeyId = Optional.ofNullable(env.get("LATCHKEY_KMS_KEY_ID")).map(String::trim).filter(v -> !v.isEmpty());
        if (kmsKeyId.isEmpty() && env.containsKey("AWS_LAMBDA_FUNCTION_NAME") && dynamoDbEndpoint.isEmpty()) {
            // a key in one instance's memory would make every other instance unable to read the TOTP secrets it sealed
            throw new IllegalArgumentException("LATCHKEY_KMS_KEY_ID must be set in Lambda: TOTP secrets are sealed with KMS there");
        }
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
                LinkBase.parse(env.getOrDefault("LATCHKEY_LINK_BASE_URL", "http://localhost:3000")),
                parsedIterations,
                Duration.ofDays(7),
                Duration.ofHours(24),
                minutes(env, "LATCHKEY_SESSION_IDLE_MINUTES", DEFAULT_SESSION_IDLE_TIMEOUT),
                integer(env, "LATCHKEY_MAX_SESSIONS_PER_USER", DEFAULT_MAX_SESSIONS_PER_USER),
                env.getOrDefault("LATCHKEY_MFA_ISSUER", DEFAULT_MFA_ISSUER).trim(),
                kmsKeyId,
                Optional.ofNullable(env.get("LATCHKEY_SEALING_KEY_FILE")).filter(v -> !v.isBlank()).map(v -> Path.of(v.trim())),
                Duration.ofDays(integer(env, "LATCHKEY_INVITATION_DAYS", (int) DEFAULT_INVITATION_LIFETIME.toDays())),
                Optional.ofNullable(env.get("LATCHKEY_ORIGIN_SECRET")).filter(v -> !v.isEmpty()).map(OriginSecret::new));
    }

    /**
     * The link base when it is a URL (the dev server's, the tests'); one held in an SSM parameter is read only when
     * the first link is built ({@code dev.latchkey.mail.MailLinkBase}).
     */
    public URI linkBaseUrl() {
        if (linkBase instanceof LinkBase.Url(URI url)) {
            return url;
        }
        throw new IllegalStateException("the link base is read from an SSM parameter when the first link is built: " + linkBase);
    }

    private static Duration minutes(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Duration.ofMinutes(parse(name, value));
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : (int) parse(name, value);
    }

    private static long parse(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a whole number: " + value);
        }
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
