package dev.latchkey.signup.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.session.Session;
import dev.latchkey.session.dynamo.SessionItems;
import dev.latchkey.signup.PendingSignup;
import dev.latchkey.signup.PendingSignupStore;
import dev.latchkey.store.Condition;
import dev.latchkey.store.Key;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import dev.latchkey.store.Transaction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Pending signups, keyed by address and found by token hash through GSI1, and the transaction that
 * turns one into an account with its guards and first session. Pending signups belong to an
 * address, not to a user: none exists for an address that has an account, and confirmation deletes
 * it, so this feature keeps nothing about a user.
 */
@Singleton
public final class DynamoPendingSignupStore implements PendingSignupStore {
    private final LatchkeyTable table;

    @Inject
    public DynamoPendingSignupStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public void savePending(PendingSignup p) {
        table.put(Keys.item(pendingSignup(p.normalizedEmail()), "signup")
                .set("gsi1pk", verification(p.tokenHash()).pk())
                .set("gsi1sk", "VERIFY")
                .set("email", p.email())
                .set("emailNormalized", p.normalizedEmail())
                .set("tokenHash", p.tokenHash())
                .set("name", p.name())
                .set("username", p.username())
                .set("createdAt", Times.format(p.createdAt()))
                .set("expiresAt", p.expiresAt().getEpochSecond()));
    }

    @Override
    public Optional<PendingSignup> findPendingByTokenHash(String tokenHash) {
        // GSI1 is eventually consistent; completeSignup re-checks the token hash under a condition.
        return Optional.ofNullable(table.indexedAt(verification(tokenHash)))
                .map(i -> new PendingSignup(i.str("emailNormalized"), i.str("email"), i.str("tokenHash"),
                        i.str("name"), i.str("username"), Instant.parse(i.str("createdAt")),
                        Instant.ofEpochSecond(i.num("expiresAt"))));
    }

    @Override
    public void completeSignup(PendingSignup p, Account account, Session firstSession) {
        Transaction tx = table.transaction()
                .delete(pendingSignup(p.normalizedEmail()), Condition.of("tokenHash = :hash", ":hash", p.tokenHash()))
                .put(AccountItems.userItem(account), Condition.NEW_ITEM)
                .put(AccountItems.guard(AccountItems.email(account.normalizedEmail()), "email", account.id()), Condition.NEW_ITEM);
        if (account.username() != null) {
            tx.put(AccountItems.guard(AccountItems.username(account.username()), "username", account.id()), Condition.NEW_ITEM);
        }
        tx.put(SessionItems.toItem(firstSession));
        tx.put(SessionItems.refItem(firstSession));
        try {
            tx.commit();
        } catch (TransactionCanceledException e) {
            throw whyCanceled(e.cancellationReasons(), account.username() != null);
        }
    }

    private static DomainError whyCanceled(List<CancellationReason> reasons, boolean hasUsername) {
        // Order of the writes above: 0 pending, 1 user, 2 email guard, 3 username guard (if any), then session.
        if (hasUsername && reasons.size() > 3 && failed(reasons.get(3)) && !failed(reasons.get(0)) && !failed(reasons.get(2))) {
            return DomainError.conflict("username", "username was taken meanwhile; sign up again with another one");
        }
        if (reasons.stream().anyMatch(DynamoPendingSignupStore::failed)) {
            return DomainError.invalidToken("token",
                    "the link is invalid, was already used, has expired or was replaced by a newer signup");
        }
        // Cancelled for another reason (a concurrent transaction on the same items): the caller may retry.
        return DomainError.of(ErrorCode.CONFLICT, "the signup is being confirmed by another request; try again");
    }

    private static boolean failed(CancellationReason reason) {
        return "ConditionalCheckFailed".equals(reason.code());
    }

    /**
     * SIGNUP#{normalized email} / SIGNUP, type {@code signup}, found by GSI1 VERIFY#{sha256(token)} / VERIFY: email,
     * emailNormalized, tokenHash, name, username, createdAt (S), expiresAt (N).
     */
    private static Key pendingSignup(String normalizedEmail) {
        return Keys.key("SIGNUP#" + normalizedEmail, "SIGNUP");
    }

    private static Key verification(String tokenHash) {
        return Keys.key("VERIFY#" + tokenHash, "VERIFY");
    }
}
