package dev.latchkey.testing;

import dev.latchkey.account.ConfirmingSignup;
import dev.latchkey.account.ReadingProfile;
import dev.latchkey.account.SigningUp;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.mail.OutboxMailer;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.apikey.ManagingApiKeys;
import dev.latchkey.password.ChangingPassword;
import dev.latchkey.password.NoSecondFactorYet;
import dev.latchkey.password.ResettingPassword;
import dev.latchkey.password.Reauthenticating;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.session.Authenticating;
import dev.latchkey.session.ManagingSessions;
import dev.latchkey.store.DynamoApiKeyStore;
import dev.latchkey.store.DynamoAttemptStore;
import dev.latchkey.store.DynamoPasswordResetStore;
import dev.latchkey.session.SessionIssuer;
import dev.latchkey.session.SigningIn;
import dev.latchkey.session.DeviceTokens;
import dev.latchkey.store.DynamoDeviceStore;
import dev.latchkey.store.DynamoAccountStore;
import dev.latchkey.store.DynamoSessionStore;
import dev.latchkey.store.LatchkeyTable;
import java.security.SecureRandom;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/**
 * The services wired by hand over real adapters: a fresh table in the JVM's DynamoDB Local, a
 * movable clock and the outbox.
 */
public final class Domain {
    public final MutableClock clock = MutableClock.startingNow();
    public final OutboxMailer outbox = new OutboxMailer(null);
    public final String table;
    public final Config config;
    public final Randomness randomness = new Randomness(new SecureRandom());
    public final PasswordHasher hasher;
    public final DynamoAccountStore accounts;
    public final DynamoSessionStore sessions;
    public final SigningUp signingUp;
    public final ConfirmingSignup confirming;
    public final SigningIn signingIn;
    public final Authenticating authenticating;
    public final ReadingProfile profiles;
    public final DynamoApiKeyStore apiKeys;
    public final DynamoPasswordResetStore passwordResets;
    public final AttemptLimiter limiter;
    public final ManagingSessions managingSessions;
    public final ChangingPassword changingPassword;
    public final ResettingPassword resettingPassword;
    public final ManagingApiKeys managingApiKeys;

    public Domain(String tablePrefix) {
        DynamoDbLocal dynamo = DynamoDbLocal.shared();
        this.table = dynamo.createUniqueTable(tablePrefix);
        this.config = TestConfig.forTable(dynamo.endpoint(), table);
        this.hasher = new PasswordHasher(config.passwordIterations(), randomness);
        LatchkeyTable latchkeyTable = new LatchkeyTable(
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo.client()).build(), config);
        this.accounts = new DynamoAccountStore(latchkeyTable);
        this.sessions = new DynamoSessionStore(latchkeyTable);
        this.apiKeys = new DynamoApiKeyStore(latchkeyTable);
        this.passwordResets = new DynamoPasswordResetStore(latchkeyTable);
        this.limiter = new AttemptLimiter(new DynamoAttemptStore(dynamo.client(), config), clock);
        SessionIssuer issuer = new SessionIssuer(randomness, clock, config);
        DeviceTokens devices = new DeviceTokens(new DynamoDeviceStore(latchkeyTable), randomness, clock);
        PasswordPolicy policy = new PasswordPolicy();
        MailTemplates templates = new MailTemplates(config);
        this.signingUp = new SigningUp(accounts, limiter, outbox, templates, randomness, clock, config);
        this.confirming = new ConfirmingSignup(accounts, issuer, devices, policy, hasher, randomness, clock);
        this.signingIn = new SigningIn(accounts, sessions, devices, issuer, hasher, limiter, clock, config);
        this.authenticating = new Authenticating(sessions, apiKeys, clock, config);
        this.profiles = new ReadingProfile(accounts);
        this.managingSessions = new ManagingSessions(sessions, randomness, clock, config);
        Reauthenticating reauthenticating = new Reauthenticating(accounts, hasher, limiter, clock);
        this.changingPassword = new ChangingPassword(accounts, passwordResets, sessions, issuer, policy, hasher, reauthenticating);
        this.resettingPassword = new ResettingPassword(accounts, passwordResets, sessions, apiKeys, policy, hasher,
                new NoSecondFactorYet(), limiter, outbox, templates, randomness, clock);
        this.managingApiKeys = new ManagingApiKeys(apiKeys, reauthenticating, randomness, clock);
    }
}
