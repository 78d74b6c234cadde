package dev.latchkey.session;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.account.EmailAddress;
import dev.latchkey.account.SignedIn;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.ratelimit.LimitPolicy;
import dev.latchkey.config.Config;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * POST /v1/sessions with email and password. A wrong email and a wrong password get the same
 * error after the same work (a decoy hash is verified when there is no account). Failures count per
 * email — known or not, so the limit reveals nothing — and per source IP; past the limit the answer
 * is {@code rate_limited} before any password is checked. A success clears the email's count.
 */
@Singleton
public final class SigningIn {
    private static final String WRONG = "the email or password is wrong";

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final SessionIssuer issuer;
    private final PasswordHasher hasher;
    private final AttemptLimiter limiter;
    private final int maxSessions;

    @Inject
    public SigningIn(AccountStore accounts, SessionStore sessions, SessionIssuer issuer, PasswordHasher hasher,
                     AttemptLimiter limiter, Config config) {
        this.maxSessions = config.maxSessionsPerUser();
        this.accounts = accounts;
        this.sessions = sessions;
        this.issuer = issuer;
        this.hasher = hasher;
        this.limiter = limiter;
    }

    public SignedIn signIn(String rawEmail, String rawPassword, ClientInfo client) {
        String password = PasswordPolicy.normalize(rawPassword);
        if (password.isEmpty() || password.codePointCount(0, password.length()) > PasswordPolicy.MAX_LENGTH) {
            throw DomainError.invalidField("password", "password must be 1 to " + PasswordPolicy.MAX_LENGTH + " characters");
        }
        EmailAddress email = EmailAddress.parse("email", rawEmail);
        AttemptLimiter.Subject perEmail = AttemptLimiter.subject(LimitPolicy.SIGN_IN_EMAIL, email.normalized());
        AttemptLimiter.Subject perIp = AttemptLimiter.subject(LimitPolicy.SIGN_IN_IP, client.ip());
        AttemptLimiter.Attempt attempt = limiter.check(perEmail, perIp);
        Optional<Account> account = accounts.findUserIdByEmail(email.normalized()).flatMap(accounts::findById);
        boolean valid;
        if (account.isEmpty()) {
            hasher.verifyDecoy(password);
            valid = false;
        } else {
            valid = hasher.verify(password, account.get().passwordHash());
        }
        if (!valid) {
            attempt.record();
            throw DomainError.of(ErrorCode.INVALID_CREDENTIALS, WRONG);
        }
        attempt.clear(perEmail);
        IssuedSession issued = issuer.issue(account.get().id(), account.get().credentialEpoch(), client);
        if (!sessions.create(issued.session(), account.get().passwordHash())) {
            throw DomainError.of(ErrorCode.INVALID_CREDENTIALS, WRONG); // the password changed while we checked it
        }
        // After the write, so two racing sign-ins each see the other and the cap holds.
        sessions.trimTo(account.get().id(), maxSessions, issued.session().createdAt());
        return new SignedIn(account.get(), issued);
    }
}
