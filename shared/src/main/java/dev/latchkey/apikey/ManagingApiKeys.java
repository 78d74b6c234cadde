package dev.latchkey.apikey;

import dev.latchkey.crypto.BearerToken;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.session.Principal;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Named API keys: created (session only), listed without secrets, revoked, regenerated under the
 * same id (session only). The key string appears only in what {@link #create} and
 * {@link #regenerate} return.
 */
@Singleton
public final class ManagingApiKeys {
    public static final int MAX_NAME = 64;
    public static final int MAX_DESCRIPTION = 256;

    private final ApiKeyStore keys;
    private final Randomness randomness;
    private final Clock clock;

    @Inject
    public ManagingApiKeys(ApiKeyStore keys, Randomness randomness, Clock clock) {
        this.keys = keys;
        this.randomness = randomness;
        this.clock = clock;
    }

    public IssuedApiKey create(Principal caller, String rawName, String rawDescription) {
        caller.requireSession("creating an API key");
        String name = text("name", rawName, 1, MAX_NAME);
        String description = rawDescription == null ? null : text("description", rawDescription, 0, MAX_DESCRIPTION);
        String key = BearerToken.issue(BearerToken.API_KEY_PREFIX, randomness);
        ApiKey apiKey = new ApiKey("key_" + randomness.base62(24), Hashes.sha256(key), caller.userId(), name,
                description == null || description.isEmpty() ? null : description,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), null);
        keys.create(apiKey);
        return new IssuedApiKey(apiKey, key);
    }

    public List<ApiKey> list(Principal caller) {
        return keys.listByUser(caller.userId());
    }

    public void revoke(Principal caller, String keyId) {
        if (!keys.delete(owned(caller, keyId))) {
            throw notFound();
        }
    }

    public IssuedApiKey regenerate(Principal caller, String keyId) {
        caller.requireSession("regenerating an API key");
        ApiKey old = owned(caller, keyId);
        String key = BearerToken.issue(BearerToken.API_KEY_PREFIX, randomness);
        ApiKey replacement = new ApiKey(old.id(), Hashes.sha256(key), old.userId(), old.name(), old.description(),
                old.createdAt(), null);
        if (!keys.replace(old, replacement)) {
            throw notFound();
        }
        return new IssuedApiKey(replacement, key);
    }

    private ApiKey owned(Principal caller, String keyId) {
        return keys.listByUser(caller.userId()).stream()
                .filter(k -> k.id().equals(keyId))
                .findFirst()
                .orElseThrow(ManagingApiKeys::notFound);
    }

    private static DomainError notFound() {
        return DomainError.notFound("no such API key");
    }

    private static String text(String field, String raw, int min, int max) {
        String value = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw DomainError.invalidField(field, field + " must be " + min + " to " + max + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw DomainError.invalidField(field, field + " must not contain control characters");
        }
        return value;
    }
}
