package dev.latchkey.testing;

import dev.latchkey.config.Config;
import dev.latchkey.config.LinkBase;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Config for tests: the shared DynamoDB Local, the outbox, and a cheap password hash (1,000
 * PBKDF2 iterations instead of 600,000) so suites stay fast. The production floor is enforced
 * when config is read from the environment ({@code ConfigTest}).
 */
public final class TestConfig {
    public static final int TEST_ITERATIONS = 1_000;

    private TestConfig() {
    }

    public static Config forTable(URI dynamoDbEndpoint, String table) {
        return new Config(table, "us-east-1", Optional.of(dynamoDbEndpoint), Config.MailTransport.OUTBOX, Optional.empty(),
                "no-reply@latchkey.test", URI.create("https://app.latchkey.test"), TEST_ITERATIONS,
                Duration.ofDays(7), Duration.ofHours(24));
    }

    /** The same with another link base (an SSM parameter's, say). */
    public static Config withLinkBase(Config c, LinkBase linkBase) {
        return copy(c, linkBase, c.originSecret());
    }

    /** The same with the secret the CloudFront distribution sends to the API (LATCHKEY_ORIGIN_SECRET). */
    public static Config withOriginSecret(Config c, String secret) {
        return copy(c, c.linkBase(), Optional.of(new dev.latchkey.config.OriginSecret(secret)));
    }

    private static Config copy(Config c, LinkBase linkBase, Optional<dev.latchkey.config.OriginSecret> originSecret) {
        return new Config(c.tableName(), c.region(), c.dynamoDbEndpoint(), c.mailTransport(), c.sesEndpoint(), c.mailFrom(), linkBase,
                c.passwordIterations(), c.sessionLifetime(), c.verificationLifetime(), c.sessionIdleTimeout(), c.maxSessionsPerUser(),
                c.mfaIssuer(), c.kmsKeyId(), c.sealingKeyFile(), c.invitationLifetime(), originSecret);
    }
}
