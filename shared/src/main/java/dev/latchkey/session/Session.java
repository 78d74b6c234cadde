package dev.latchkey.session;

import dev.latchkey.auth.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A signed-in browser or client. Stored under the SHA-256 of its token; the token itself is never
 * stored. {@code credentialEpoch} is the user's credential epoch when the session was made: a
 * password change or reset moves the epoch on, and a session of an older epoch can be neither
 * refreshed nor kept (see {@link SessionStore#endAllBefore}).
 */
public record Session(
        String id,
        String tokenHash,
        String userId,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt,
        String ip,
        String userAgent,
        long credentialEpoch,
        List<String> amr) implements Principal.Credential {

    /** Signed in with the password alone. */
    public static final List<String> PASSWORD = List.of("pwd");

    /** {@code amr}: how the sign-in was authenticated (RFC 8176 names: {@code pwd}, {@code otp}; and {@code recovery}). */
    public Session {
        amr = amr == null || amr.isEmpty() ? PASSWORD : List.copyOf(amr);
    }

    /** Whether the sign-in used a second factor. */
    public boolean multiFactor() {
        return amr.size() > 1;
    }


    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * False once the absolute lifetime is over or the session was idle for {@code idleTimeout}.
     * {@code lastSeenAt} moves at most once a minute, so the idle limit is exact to that minute.
     */
    public boolean liveAt(Instant now, Duration idleTimeout) {
        return !expiredAt(now) && now.isBefore(lastSeenAt.plus(idleTimeout));
    }
}
