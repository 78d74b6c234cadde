package dev.latchkey.auth;

import dev.latchkey.crypto.Hashes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the authorizer does with an {@code Authorization} header: check the token's shape and
 * checksum (no read for garbage), then hand its hash to the feature that owns its prefix (sessions,
 * API keys: each a {@link CredentialResolver}), which does one strongly consistent read; then one more for the
 * user's profile ({@link AccountPresence}), so the credentials of a deleted account fail closed at once, before
 * the clean-up has removed them; the principal carries that profile on ({@link Principal#profile}). Use is
 * recorded at most once per {@link #TOUCH_INTERVAL} per credential, so a
 * busy client does not cost a write per request.
 */
@Singleton
public final class Authenticating {
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final Map<String, CredentialResolver> resolvers = new HashMap<>();
    private final AccountPresence accounts;
    private final Clock clock;

    @Inject
    public Authenticating(Set<CredentialResolver> resolvers, AccountPresence accounts, Clock clock) {
        for (CredentialResolver resolver : resolvers) {
            if (this.resolvers.put(resolver.prefix(), resolver) != null) {
                throw new IllegalStateException("two resolvers for " + resolver.prefix());
            }
        }
        this.accounts = accounts;
        this.clock = clock;
    }

    public Optional<Principal> authenticate(String authorizationHeader) {
        Optional<String> token = BearerToken.fromAuthorizationHeader(authorizationHeader);
        Optional<String> kind = token.flatMap(BearerToken::verify);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        CredentialResolver resolver = resolvers.get(kind.get());
        return resolver == null ? Optional.empty()
                : resolver.resolve(Hashes.sha256(token.get()), clock.instant())
                        .flatMap(p -> accounts.find(p.userId()).map(p::withProfile));
    }
}
