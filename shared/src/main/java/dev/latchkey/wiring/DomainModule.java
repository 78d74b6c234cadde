package dev.latchkey.wiring;

import dagger.Module;
import dev.latchkey.application.ApplicationModule;
import dev.latchkey.mfa.MfaModule;
import dev.latchkey.account.AccountModule;
import dev.latchkey.apikey.ApiKeyModule;
import dev.latchkey.auth.AuthModule;
import dev.latchkey.crypto.CryptoModule;
import dev.latchkey.email.EmailModule;
import dev.latchkey.password.PasswordModule;
import dev.latchkey.ratelimit.RateLimitModule;
import dev.latchkey.session.SessionModule;
import dev.latchkey.signup.SignupModule;

/**
 * Every feature's module. A component adds what the domain cannot choose: the
 * {@code DynamoDbClient}, the {@code Mailer}, the {@code Config} and the {@code Clock}.
 */
@Module(includes = {AuthModule.class, CryptoModule.class, RateLimitModule.class, AccountModule.class,
        SignupModule.class, SessionModule.class, PasswordModule.class, ApiKeyModule.class, MfaModule.class,
        ApplicationModule.class, EmailModule.class, StoreModule.class})
public final class DomainModule {
    private DomainModule() {
    }
}
