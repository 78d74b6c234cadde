package dev.latchkey.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port for API keys. */
public interface ApiKeyStore {

    /**
     * Stores the key, its per-user pointer and its name claim in one transaction, only while the
     * creating session {@code sessionId} of the user still exists: a session ended by a password
     * reset cannot mint a key after the reset's clean-up has looked.
     *
     * @return false when the session has ended meanwhile
     * @throws dev.latchkey.error.DomainError CONFLICT (field name) when the user has a key of that name
     */
    boolean create(ApiKey key, String sessionId);

    /** Strongly consistent: a key revoked a moment ago is not found. */
    Optional<ApiKey> findByTokenHash(String tokenHash);

    /** The user's keys, newest first. */
    List<ApiKey> listByUser(String userId);

    /** Removes the key and frees its name. False when it was already gone. */
    boolean delete(ApiKey key);

    /** Swaps the stored hash in one transaction, while session {@code sessionId} exists; false when the old key or the session was gone. */
    boolean replace(ApiKey old, ApiKey replacement, String sessionId);


    /** Revokes every key of the user, found through its strongly consistent pointers. Returns how many. */
    int revokeAll(String userId);

    /** Records use at {@code now} unless it was already used after {@code usedAfter}; at most one write. */
    void touch(ApiKey key, Instant now, Instant usedAfter);
}
