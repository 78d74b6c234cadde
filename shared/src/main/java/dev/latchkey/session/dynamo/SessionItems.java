package dev.latchkey.session.dynamo;

import dev.latchkey.session.Session;
import dev.latchkey.store.Item;
import dev.latchkey.store.Key;
import dev.latchkey.store.Keys;
import dev.latchkey.store.Times;

/**
 * Session items, public for the adapters that write a session in their own transaction (a
 * confirmed signup's first session) or condition on one (an API key made by a live session).
 */
public final class SessionItems {
    static final String REF_PREFIX = "SESSIONREF#";
    static final String DEVICE_PREFIX = "DEVICE#";

    private SessionItems() {
    }

    /**
     * SESSION#{sha256(token)} / SESSION, type {@code session}, listed per user by GSI1 USER#{userId} /
     * SESSION#{createdAt}#{id}: id, userId, createdAt, lastSeenAt, ip, userAgent, amr (S), expiresAt, credentialEpoch (N).
     */
    public static Key session(String tokenHash) {
        return Keys.key("SESSION#" + tokenHash, "SESSION");
    }

    /**
     * USER#{userId} / SESSIONREF#{sessionId}, type {@code session_ref}: which token hash a session has now (tokenHash,
     * createdAt: S; credentialEpoch, expiresAt: N). Written in the same transaction as the session, so a strongly
     * consistent query finds every live session of a user (GSI1 may lag), which is what ending all of them after a
     * password change or reset needs.
     */
    public static Key sessionRef(String userId, String sessionId) {
        return Keys.key(Keys.userPartition(userId), REF_PREFIX + sessionId);
    }

    /** USER#{userId} / DEVICE#{sha256(token)}, type {@code device}: a client that signed in to the user before (createdAt: S, expiresAt: N). */
    static Key device(String userId, String tokenHash) {
        return Keys.key(Keys.userPartition(userId), DEVICE_PREFIX + tokenHash);
    }

    public static Item refItem(Session session) {
        return Keys.item(sessionRef(session.userId(), session.id()), "session_ref")
                .set("tokenHash", session.tokenHash())
                .set("credentialEpoch", session.credentialEpoch())
                .set("createdAt", Times.format(session.createdAt()))
                .set("expiresAt", session.expiresAt().getEpochSecond());
    }

    public static Item toItem(Session session) {
        return Keys.item(session(session.tokenHash()), "session")
                .set("gsi1pk", Keys.userPartition(session.userId()))
                .set("gsi1sk", "SESSION#" + Times.format(session.createdAt()) + "#" + session.id())
                .set("id", session.id())
                .set("userId", session.userId())
                .set("createdAt", Times.format(session.createdAt()))
                .set("lastSeenAt", Times.format(session.lastSeenAt()))
                .set("expiresAt", session.expiresAt().getEpochSecond())
                .set("ip", session.ip())
                .set("userAgent", session.userAgent())
                .set("credentialEpoch", session.credentialEpoch())
                .set("amr", String.join(" ", session.amr()));
    }
}
