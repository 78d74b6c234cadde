package dev.latchkey.apikey;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.latchkey.apikey.dynamo.DynamoApiKeyStore;
import dev.latchkey.auth.CredentialResolver;
import dev.latchkey.auth.CredentialRevocation;
import dev.latchkey.auth.UserData;

/** API keys; resolves {@code lk_k_} tokens for the auth core. */
@Module
public abstract class ApiKeyModule {

    @Binds
    abstract ApiKeyStore apiKeyStore(DynamoApiKeyStore store);

    @Binds
    @IntoSet
    abstract CredentialResolver resolver(ApiKeyCredentials keys);

    @Binds
    @IntoSet
    abstract CredentialRevocation revocation(ApiKeyCredentials keys);

    @Binds
    @IntoSet
    abstract UserData apiKeys(DynamoApiKeyStore store);
}
