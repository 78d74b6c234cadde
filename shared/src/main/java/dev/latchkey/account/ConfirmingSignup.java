package dev.latchkey.account;

import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.session.ClientInfo;
import dev.latchkey.session.IssuedSession;
import dev.latchkey.session.SessionIssuer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * POST /v1/signup/confirm: turns a pending signup into an account and signs it in. The link is
 * single use — the pending item is deleted in the same transaction that creates the account,
 * under a condition on its token hash — and racing confirmations yield exactly one account.
 */
@Singleton
public final class ConfirmingSignup {
    private static final Pattern TOKEN_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final String INVALID = "the link is invalid, was already used, has expired or was replaced by a newer signup";

    private final AccountStore accounts;
    private final SessionIssuer sessions;
    private final Randomness randomness;
    private final Clock clock;

    @Inject
    public ConfirmingSignup(AccountStore accounts, SessionIssuer sessions, Randomness randomness, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.randomness = randomness;
        this.clock = clock;
    }

    public SignedIn confirm(String token, ClientInfo client) {
        if (!TOKEN_SHAPE.matcher(token).matches()) {
            throw DomainError.invalidField("token", "token must be the 43-character value from the mail link");
        }
        Instant now = clock.instant();
        PendingSignup pending = accounts.findPendingByTokenHash(Hashes.sha256(token))
                .filter(p -> !p.expiredAt(now))
                .orElseThrow(() -> DomainError.invalidToken("token", INVALID));
        String userId = "usr_" + randomness.base62(24);
        IssuedSession session = sessions.issue(userId, 0, client);
        Account account = new Account(userId, pending.email(), pending.normalizedEmail(), true, pending.name(),
                pending.username(), false, session.session().createdAt(), pending.passwordHash(), 0);
        accounts.completeSignup(pending, account, session.session());
        return new SignedIn(account, session);
    }
}
