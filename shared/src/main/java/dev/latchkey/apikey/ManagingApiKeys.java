package dev.latchkey.apikey;

import dev.latchkey.text.Unicode;
import dev.latchkey.auth.BearerToken;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.password.Reauthenticating;
import dev.latchkey.auth.Principal;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Named API keys: created (session only), listed without secrets, revoked, regenerated under the
 * same id (session only). The key string appears only in what {@link #create} and
 * {@link #regenerate} return.
 */
@Singleton
public final class ManagingApiKeys {
    public static final int MAX_NAME = 64;
    public static final int MAX_DESCRIPTION = 256;

    /** How recent a sign-in must be to create a key without typing the password. */
    public static final Duration RECENT_SIGN_IN = Duration.ofMinutes(15);
    private static final Set<Integer> EXPIRY_DAYS = Set.of(30, 90, 365);

    private final ApiKeyStore keys;
    private final Reauthenticating reauthenticated;
    private final Randomness randomness;
    private final Clock clock;

    @Inject
    public ManagingApiKeys(ApiKeyStore keys, Reauthenticating reauthenticated, Randomness randomness, Clock clock) {
        this.keys = keys;
        this.reauthenticated = reauthenticated;
        this.randomness = randomness;
        this.clock = clock;
    }

    /**
     * POST /v1/me/api-keys. Needs a session that signed in within {@link #RECENT_SIGN_IN}, or the
     * account's password: a stolen session token alone must not mint a credential that would outlive
     * it. {@code expiresInDays} is 30, 90, 365 or null (never).
     */
    public IssuedApiKey create(Principal caller, String rawName, String rawDescription, Integer expiresInDays, String rawPassword) {
        caller.requireSession("creating an API key");
        String name = text("name", rawName, 1, MAX_NAME);
        String description = rawDescription == null ? null : text("description", rawDescription, 0, MAX_DESCRIPTION);
        if (expiresInDays != null && !EXPIRY_DAYS.contains(expiresInDays)) {
            throw DomainError.invalidField("expiresInDays", "expiresInDays must be 30, 90 or 365, or absent for a key that does not expire");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        reauthenticated.require(caller, rawPassword, RECENT_SIGN_IN, "creating an API key");
        String key = BearerToken.issue(BearerToken.API_KEY_PREFIX, randomness);
        ApiKey apiKey = new ApiKey("key_" + randomness.base62(24), Hashes.sha256(key), caller.userId(), name,
                description == null || description.isEmpty() ? null : description, now, null,
                expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays)).truncatedTo(ChronoUnit.SECONDS));
        if (!keys.create(apiKey, caller.sessionId())) {
            throw DomainError.of(ErrorCode.UNAUTHENTICATED, "the session has ended");
        }
        return new IssuedApiKey(apiKey, key);
    }

    /** The caller's keys that have not expired, newest first. */
    public List<ApiKey> list(Principal caller) {
        Instant now = clock.instant();
        return keys.listByUser(caller.userId()).stream().filter(k -> !k.expiredAt(now)).toList();
    }

    /** Needs a session: a stolen API key must not revoke its owner's other keys. */
    public void revoke(Principal caller, String keyId) {
        caller.requireSession("revoking an API key");
        if (!keys.delete(owned(caller, keyId))) {
            throw notFound();
        }
    }

    /** A new secret for the key: the same step-up as creating one (a fresh secret outlives the session too). */
    public IssuedApiKey regenerate(Principal caller, String keyId, String rawPassword) {
        caller.requireSession("regenerating an API key");
        reauthenticated.require(caller, rawPassword, RECENT_SIGN_IN, "regenerating an API key");
        ApiKey old = owned(caller, keyId);
        String key = BearerToken.issue(BearerToken.API_KEY_PREFIX, randomness);
        ApiKey replacement = new ApiKey(old.id(), Hashes.sha256(key), old.userId(), old.name(), old.description(),
                old.createdAt(), null, old.expiresAt());
        if (!keys.replace(old, replacement, caller.sessionId())) {
            throw notFound();
        }
        return new IssuedApiKey(replacement, key);
    }

    private ApiKey owned(Principal caller, String keyId) {
        Instant now = clock.instant();
        return keys.listByUser(caller.userId()).stream()
                .filter(k -> k.id().equals(keyId) && !k.expiredAt(now))
                .findFirst()
                .orElseThrow(ManagingApiKeys::notFound);
    }

    private static DomainError notFound() {
        return DomainError.notFound("no such API key");
    }

    private static String text(String field, String raw, int min, int max) {
        String value = Unicode.nfc(raw.strip());
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
