package dev.latchkey.apikey;

import dev.latchkey.auth.Authenticating;
import dev.latchkey.auth.BearerToken;
import dev.latchkey.auth.CredentialResolver;
import dev.latchkey.auth.CredentialRevocation;
import dev.latchkey.auth.Principal;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/** API keys as the auth core sees them: resolved from a token, all revoked by a password reset. */
@Singleton
public final class ApiKeyCredentials implements CredentialResolver, CredentialRevocation {
    private final ApiKeyStore keys;

    @Inject
    public ApiKeyCredentials(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public String prefix() {
        return BearerToken.API_KEY_PREFIX;
    }

    @Override
    public Optional<Principal> resolve(String tokenHash, Instant now) {
        Instant staleBefore = now.minus(Authenticating.TOUCH_INTERVAL);
        return keys.findByTokenHash(tokenHash)
                .filter(key -> !key.expiredAt(now))
                .map(key -> {
                    if (key.lastUsedAt() == null || !key.lastUsedAt().isAfter(staleBefore)) {
                        keys.touch(key, now, staleBefore);
                    }
                    return new Principal(key.userId(), Principal.CredentialType.API_KEY, key.id());
                });
    }

    @Override
    public Principal.CredentialType type() {
        return Principal.CredentialType.API_KEY;
    }

    /** API keys carry no credential epoch: every key of the user goes. */
    @Override
    public int revokeAllBefore(String userId, long epoch) {
        return keys.revokeAll(userId);
    }
}
