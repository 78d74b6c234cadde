package dev.latchkey.auth;

/**
 * Signs a user in from another feature (a password change gives the caller a new session) without
 * that feature depending on the sessions feature, which implements it.
 */
public interface SessionStarter {

    /**
     * A new session of {@code userId} in credential epoch {@code epoch}, stored only while the
     * user's password hash is still {@code verifiedPasswordHash}; empty when it changed meanwhile.
     */
    java.util.Optional<StartedSession> start(String userId, long epoch, String verifiedPasswordHash, ClientInfo client);
}
