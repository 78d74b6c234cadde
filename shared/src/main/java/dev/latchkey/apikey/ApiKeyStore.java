package dev.latchkey.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port for API keys. */
public interface ApiKeyStore {

    /**
     * Stores the key and claims its name for the user in one transaction.
     *
     * @throws dev.latchkey.error.DomainError CONFLICT (field name) when the user has a key of that name
     */
    void create(ApiKey key);

    /** Strongly consistent: a key revoked a moment ago is not found. */
    Optional<ApiKey> findByTokenHash(String tokenHash);

    /** The user's keys, newest first. */
    List<ApiKey> listByUser(String userId);

    /** Removes the key and frees its name. False when it was already gone. */
    boolean delete(ApiKey key);

    /** Swaps the stored hash in one transaction; false when the old key was already gone. */
    boolean replace(ApiKey old, ApiKey replacement);

    /** Records use at {@code now} unless it was already used after {@code usedAfter}; at most one write. */
    void touch(ApiKey key, Instant now, Instant usedAfter);
}
