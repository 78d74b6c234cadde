package dev.latchkey.signup;

import dagger.Binds;
import dagger.Module;
import dev.latchkey.signup.dynamo.DynamoPendingSignupStore;

/**
 * Signup. It contributes no {@code UserData}: pending signups belong to an address, none exists
 * for an address with an account, and confirming one deletes it.
 */
@Module
public abstract class SignupModule {

    @Binds
    abstract PendingSignupStore pendingSignupStore(DynamoPendingSignupStore store);
}
