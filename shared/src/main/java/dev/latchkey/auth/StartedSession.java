package dev.latchkey.auth;

import java.time.Instant;

/** A session just made, with its token: the token exists only here, on its way into one response. */
public record StartedSession(String id, String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "StartedSession[id=" + id + "]";
    }
}
