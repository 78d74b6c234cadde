package dev.latchkey.testing;

import dev.latchkey.account.ReadingProfile;
import dev.latchkey.account.dynamo.DynamoAccountStore;
import dev.latchkey.apikey.ManagingApiKeys;
import dev.latchkey.apikey.dynamo.DynamoApiKeyStore;
import dev.latchkey.auth.Authenticating;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.mail.OutboxMailer;
import dev.latchkey.mfa.ManagingMfa;
import dev.latchkey.mfa.dynamo.DynamoMfaStore;
import dev.latchkey.password.ChangingPassword;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.ResettingPassword;
import dev.latchkey.password.dynamo.DynamoPasswordResetStore;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.session.ManagingSessions;
import dev.latchkey.session.SigningIn;
import dev.latchkey.session.dynamo.DynamoSessionStore;
import dev.latchkey.signup.ConfirmingSignup;
import dev.latchkey.signup.SigningUp;

/**
 * A fresh table in the JVM's DynamoDB Local with the domain wired over it by Dagger
 * ({@link TestComponent}: the production modules), a movable clock and the outbox. The fields are
 * shorthands for what tests call most.
 */
public final class Domain {
    public final MutableClock clock = MutableClock.startingNow();
    public final String table;
    public final Config config;
    public final TestComponent component;
    public final OutboxMailer outbox;
    public final Randomness randomness;
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
    public final ManagingMfa managingMfa;
    public final DynamoMfaStore mfaStore;

    public Domain(String tablePrefix) {
        DynamoDbLocal dynamo = DynamoDbLocal.shared();
        this.table = dynamo.createUniqueTable(tablePrefix);
        this.config = TestConfig.forTable(dynamo.endpoint(), table);
        this.component = DaggerTestComponent.builder().config(config).clock(clock).build();
        this.outbox = component.outbox();
        this.randomness = component.randomness();
        this.hasher = component.hasher();
        this.accounts = component.accounts();
        this.sessions = component.sessions();
        this.signingUp = component.signingUp();
        this.confirming = component.confirming();
        this.signingIn = component.signingIn();
        this.authenticating = component.authenticating();
        this.profiles = component.profiles();
        this.apiKeys = component.apiKeys();
        this.passwordResets = component.passwordResets();
        this.limiter = component.limiter();
        this.managingSessions = component.managingSessions();
        this.changingPassword = component.changingPassword();
        this.resettingPassword = component.resettingPassword();
        this.managingApiKeys = component.managingApiKeys();
        this.managingMfa = component.managingMfa();
        this.mfaStore = component.mfaStore();
    }

    /**
     * The principal of {@code token} for a test that reuses it across calls, as a client reuses its token across
     * requests: authenticated once, without the profile that authentication read (which is one request's), so each
     * call reads the account as it is then.
     */
    public dev.latchkey.auth.Principal acrossRequests(String token) {
        return authenticating.authenticate("Bearer " + token).orElseThrow().withoutProfile();
    }
}
