package dev.latchkey.ratelimit;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.latchkey.auth.UserData;
import dev.latchkey.ratelimit.dynamo.DynamoAttemptStore;

/** Attempt counters. */
@Module
public abstract class RateLimitModule {

    @Binds
    abstract AttemptStore attemptStore(DynamoAttemptStore store);

    @Binds
    @IntoSet
    abstract UserData accountCounters(AccountLimits limits);
}
