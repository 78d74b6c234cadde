package dev.latchkey.session.dynamo;

import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.auth.FactorUse;
import dev.latchkey.auth.UserData;
import dev.latchkey.mfa.dynamo.MfaItems;
import dev.latchkey.session.Session;
import dev.latchkey.session.SessionStore;
import dev.latchkey.store.Condition;
import dev.latchkey.store.Forgetting;
import dev.latchkey.store.Item;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import dev.latchkey.store.Transaction;
import dev.latchkey.store.UsageIndex;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Sessions in the single table, keyed by the SHA-256 of their token, listed per user through GSI1.
 * Each session has a pointer item under its user ({@code USER#id / SESSIONREF#sessionId}) naming its
 * current token hash and credential epoch, written and deleted in the same transactions: a strongly
 * consistent query of the pointers finds every session of a user, which GSI1 (eventually
 * consistent) cannot promise.
 */
@Singleton
public final class DynamoSessionStore implements SessionStore, UserData {
    private static final String REF_PREFIX = SessionItems.REF_PREFIX;
    /** Rounds of {@link #endAllBefore} before it gives up; each round re-reads and retries what a racing transaction cancelled. */
    private static final int END_ALL_ROUNDS = 25;

    private final LatchkeyTable table;

    @Inject
    public DynamoSessionStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public Created create(Session session, String verifiedPasswordHash, Optional<FactorUse> factor) {
        Transaction transaction = table.transaction()
                .check(AccountItems.user(session.userId()), Condition.of("passwordHash = :verified", ":verified", verifiedPasswordHash))
                .put(SessionItems.toItem(session))
                .put(SessionItems.refItem(session));
        factor.ifPresent(use -> MfaItems.addSpend(transaction, use));
        try {
            transaction.commit();
            return Created.YES;
        } catch (TransactionCanceledException cancelled) {
            // reasons come in the order of the writes: the password check first, the factor's spend last
            boolean passwordChanged = !cancelled.hasCancellationReasons()
                    || "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code());
            return passwordChanged || factor.isEmpty() ? Created.PASSWORD_CHANGED : Created.FACTOR_SPENT;
        }
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(table.get(SessionItems.session(tokenHash), true)).map(DynamoSessionStore::fromItem);
    }

    @Override
    public List<Session> listByUser(String userId) {
        return UsageIndex.ofUser(table, userId, "SESSION#").stream().map(DynamoSessionStore::fromItem).toList();
    }

    @Override
    public void touch(Session session, Instant now, Instant seenAfter) {
        UsageIndex.touch(table, SessionItems.session(session.tokenHash()), "session", "lastSeenAt", now, seenAfter);
    }

    @Override
    public boolean rotate(Session old, Session replacement) {
        try {
            table.transaction()
                    .check(AccountItems.user(old.userId()), AccountItems.inEpoch(old.credentialEpoch()))
                    .delete(SessionItems.session(old.tokenHash()), Condition.EXISTS)
                    .put(SessionItems.toItem(replacement))
                    .put(SessionItems.refItem(replacement), pointsTo(old.tokenHash()))
                    .commit();
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean delete(Session session) {
        try {
            table.transaction()
                    .delete(SessionItems.session(session.tokenHash()), Condition.EXISTS)
                    .delete(SessionItems.sessionRef(session.userId(), session.id()))
                    .commit();
            return true;
        } catch (TransactionCanceledException alreadyGone) {
            return false;
        }
    }

    @Override
    public boolean endById(String userId, String sessionId, Instant now) {
        // A refresh racing this moves the pointer: re-read it and end the token it names now.
        for (int attempt = 0; attempt < END_ALL_ROUNDS; attempt++) {
            Item ref = table.get(SessionItems.sessionRef(userId, sessionId), true);
            if (ref == null) {
                return false;
            }
            boolean live = ref.num("expiresAt") == null || Instant.ofEpochSecond(ref.num("expiresAt")).isAfter(now);
            if (endByRef(userId, sessionId, ref.str("tokenHash"))) {
                return live;
            }
        }
        throw new IllegalStateException("a session could not be ended: its pointer kept moving");
    }

    @Override
    public int endAllBefore(String userId, long epoch) {
        int ended = 0;
        for (int round = 0; round < END_ALL_ROUNDS; round++) {
            List<Item> stale = refs(userId).stream().filter(ref -> epochOf(ref) < epoch).toList();
            if (stale.isEmpty()) {
                return ended;
            }
            boolean allEnded = true;
            for (Item ref : stale) {
                // Cancelled when a refresh that committed before the epoch moved changed the pointer, or
                // by a conflicting transaction: the next round re-reads the pointer and tries again.
                if (endByRef(userId, ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"))) {
                    ended++;
                } else {
                    allEnded = false;
                }
            }
            if (allEnded) {
                // The read came after the epoch moved, and nothing can make a session of an older epoch
                // since: what it found was all there was.
                return ended;
            }
        }
        throw new IllegalStateException("the sessions of a user could not all be ended after " + END_ALL_ROUNDS + " rounds");
    }

    @Override
    public int endAllExcept(String userId, String keepSessionId) {
        int ended = 0;
        for (int round = 0; round < END_ALL_ROUNDS; round++) {
            List<Item> others = refs(userId).stream().filter(ref -> !ref.str("sk").equals(REF_PREFIX + keepSessionId)).toList();
            boolean allEnded = true;
            for (Item ref : others) {
                if (endByRef(userId, ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"))) {
                    ended++;
                } else {
                    allEnded = false; // refreshed or ended meanwhile: the next round re-reads its pointer
                }
            }
            if (allEnded) {
                return ended;
            }
        }
        throw new IllegalStateException("the other sessions of a user could not all be ended after " + END_ALL_ROUNDS + " rounds");
    }

    @Override
    public int trimTo(String userId, int keep, Instant now, String newSessionId) {
        // Newest first, ties broken by id so racing sign-ins agree on the order; the new session is never the one to go.
        List<Item> live = refs(userId).stream()
                .filter(ref -> ref.num("expiresAt") == null || Instant.ofEpochSecond(ref.num("expiresAt")).isAfter(now))
                .sorted(Comparator.comparing((Item ref) -> !ref.str("sk").equals(REF_PREFIX + newSessionId))
                        .thenComparing(Comparator.comparing((Item ref) -> ref.str("createdAt") == null ? "" : ref.str("createdAt"))
                                .thenComparing(ref -> ref.str("sk")).reversed()))
                .toList();
        int ended = 0;
        for (Item ref : live.subList(Math.min(keep, live.size()), live.size())) {
            if (endByRef(userId, ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"))) {
                ended++;
            }
        }
        return ended;
    }

    private List<Item> refs(String userId) {
        return table.under(Keys.userPartition(userId), REF_PREFIX);
    }

    @Override
    public String name() {
        return "sessions";
    }

    /**
     * Every session of the user with its pointer, queued as unconditional deletes; the devices go with
     * {@link DynamoDeviceStore}. No session of the user can be made or moved once the profile is gone — a sign-in's
     * transaction checks the profile's password hash, a refresh's its credential epoch, both on condition the profile
     * exists — and the clean-up runs after the profile's deletion, so the partition's one read holds every session
     * there will be.
     */
    @Override
    public int forget(UserRef user, Forgetting forgetting) {
        List<Item> refs = forgetting.under(REF_PREFIX);
        for (Item ref : refs) {
            forgetting.delete(SessionItems.session(ref.str("tokenHash")));
            forgetting.delete(ref.key());
        }
        return refs.size();
    }

    /** Deletes a session and its pointer together, only while the pointer still names {@code tokenHash}. */
    private boolean endByRef(String userId, String sessionId, String tokenHash) {
        try {
            table.transaction()
                    .delete(SessionItems.sessionRef(userId, sessionId), pointsTo(tokenHash))
                    .delete(SessionItems.session(tokenHash))
                    .commit();
            return true;
        } catch (TransactionCanceledException movedGoneOrConflicting) {
            return false;
        }
    }

    private static long epochOf(Item ref) {
        Long epoch = ref.num("credentialEpoch");
        return epoch == null ? 0 : epoch;
    }

    private static Condition pointsTo(String tokenHash) {
        return Condition.of("tokenHash = :hash", ":hash", tokenHash);
    }

    private static Session fromItem(Item i) {
        String pk = i.str("pk");
        Long epoch = i.num("credentialEpoch");
        return new Session(i.str("id"), pk.substring("SESSION#".length()), i.str("userId"), Times.parse(i.str("createdAt")),
                Times.parse(i.str("lastSeenAt")), Instant.ofEpochSecond(i.num("expiresAt")), i.str("ip"), i.str("userAgent"),
                epoch == null ? 0 : epoch, i.str("amr") == null ? null : List.of(i.str("amr").split(" ")));
    }
}
