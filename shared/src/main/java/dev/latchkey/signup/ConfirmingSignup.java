package dev.latchkey.signup;

import dev.latchkey.account.Account;
import dev.latchkey.session.SignedIn;

import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.session.DeviceTokens;
import dev.latchkey.session.IssuedSession;
import dev.latchkey.session.SessionIssuer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * POST /v1/signup/confirm with the mailed token and the password: turns a pending signup into an
 * account and signs it in. The password is chosen here, by whoever holds the link — the owner of the
 * mailbox — so a stranger who signed up first with someone else's address cannot know the password
 * of the account that address gets (account pre-hijacking). The link is single use — the pending
 * item is deleted in the same transaction that creates the account, under a condition on its token
 * hash — and racing confirmations yield exactly one account. A password the policy refuses leaves
 * the link usable.
 */
@Singleton
public final class ConfirmingSignup {
    private static final Pattern TOKEN_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final String INVALID = "the link is invalid, was already used, has expired or was replaced by a newer signup";

    private final PendingSignupStore pending;
    private final SessionIssuer sessions;
    private final DeviceTokens devices;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Randomness randomness;
    private final Clock clock;

    @Inject
    public ConfirmingSignup(PendingSignupStore pending, SessionIssuer sessions, DeviceTokens devices, PasswordPolicy policy,
                            PasswordHasher hasher, Randomness randomness, Clock clock) {
        this.pending = pending;
        this.sessions = sessions;
        this.devices = devices;
        this.policy = policy;
        this.hasher = hasher;
        this.randomness = randomness;
        this.clock = clock;
    }

    public SignedIn confirm(String token, String rawPassword, ClientInfo client) {
        if (!TOKEN_SHAPE.matcher(token).matches()) {
            throw DomainError.invalidField("token", "token must be the 43-character value from the mail link");
        }
        String password = PasswordPolicy.normalize(rawPassword);
        Instant now = clock.instant();
        PendingSignup signup = pending.findPendingByTokenHash(Hashes.sha256(token))
                .filter(p -> !p.expiredAt(now))
                .orElseThrow(() -> DomainError.invalidToken("token", INVALID));
        // Context words (ASVS 6.2.11) come from the pending signup, so the check follows the read.
        policy.check("password", password, Arrays.asList(signup.email(), signup.name(), signup.username()));
        String userId = "usr_" + randomness.base62(24);
        IssuedSession session = sessions.issue(userId, 0, client);
        Account account = new Account(userId, signup.email(), signup.normalizedEmail(), true, signup.name(),
                signup.username(), false, session.session().createdAt(), hasher.hash(password), 0);
        pending.completeSignup(signup, account, session.session());
        return new SignedIn(account, session, devices.issue(userId));
    }
}
