package dev.latchkey.session;

import dev.latchkey.auth.ClientInfo;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.account.EmailAddress;
import dev.latchkey.session.SignedIn;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.ratelimit.LimitPolicy;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.Hashes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import dev.latchkey.auth.FactorUse;
import dev.latchkey.auth.SecondFactor;

/**
 * POST /v1/sessions with email and password. A wrong email and a wrong password get the same
 * error after the same work (a decoy hash is verified when there is no account).
 *
 * <p>Limits (see {@link LimitPolicy}): failures count per (email, client) — the client is the
 * device token the caller presents, when the account issued it, or else the source IP — so a
 * stranger guessing someone's password slows down only the stranger; per source IP across emails;
 * and per email as a run of consecutive failures that, past 100, stops every client that has no
 * device token of the account until a success or a reset clears it. Counters exist for any typed
 * email, so none of this tells whether an account exists. Past a limit the answer is
 * {@code rate_limited} before any password is checked.
 *
 * <p>A success answers with a device token: the presented one when it was valid, else a new one
 * (256 bits, stored hashed, 90 days).
 */
@Singleton
public final class SigningIn {
    private static final String WRONG = "the email or password is wrong";
    private static final Pattern DEVICE_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final DeviceTokens devices;
    private final SessionIssuer issuer;
    private final PasswordHasher hasher;
    private final SecondFactor secondFactor;
    private final AttemptLimiter limiter;
    private final Clock clock;
    private final int maxSessions;

    @Inject
    public SigningIn(AccountStore accounts, SessionStore sessions, DeviceTokens devices, SessionIssuer issuer,
                     PasswordHasher hasher, SecondFactor secondFactor, AttemptLimiter limiter, Clock clock, Config config) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.devices = devices;
        this.issuer = issuer;
        this.hasher = hasher;
        this.secondFactor = secondFactor;
        this.limiter = limiter;
        this.clock = clock;
        this.maxSessions = config.maxSessionsPerUser();
    }

    public SignedIn signIn(String rawEmail, String rawPassword, ClientInfo client) {
        return signIn(rawEmail, rawPassword, null, null, null, client);
    }

    public SignedIn signIn(String rawEmail, String rawPassword, String deviceToken, ClientInfo client) {
        return signIn(rawEmail, rawPassword, null, null, deviceToken, client);
    }

    /**
     * {@code deviceToken} may be null; one of another account, expired or malformed counts as none. With MFA on,
     * {@code mfaCode} or {@code recoveryCode} is checked only after the password was right and the limits allowed
     * the attempt; the code is spent in the transaction that stores the session.
     */
    public SignedIn signIn(String rawEmail, String rawPassword, String mfaCode, String recoveryCode, String deviceToken,
                           ClientInfo client) {
        String password = PasswordPolicy.presented("password", rawPassword);
        EmailAddress email = EmailAddress.parse("email", rawEmail);
        Instant now = clock.instant();

        Optional<String> userId = null; // looked up before the limits only when a device token needs it
        boolean knownDevice = false;
        String deviceHash = null;
        if (deviceToken != null && DEVICE_SHAPE.matcher(deviceToken).matches()) {
            deviceHash = Hashes.sha256(deviceToken);
            userId = accounts.findUserIdByEmail(email.normalized());
            knownDevice = userId.isPresent() && devices.isKnown(userId.get(), deviceHash, now);
        }
        AttemptLimiter.Subject perClient = AttemptLimiter.subject(LimitPolicy.SIGN_IN_EMAIL_CLIENT, email.normalized(),
                knownDevice ? "device:" + deviceHash : "ip:" + client.ip());
        AttemptLimiter.Subject perAccount = AttemptLimiter.subject(LimitPolicy.SIGN_IN_ACCOUNT, email.normalized());
        AttemptLimiter.Attempt attempt = knownDevice
                ? limiter.check(perClient)
                : limiter.check(perClient, AttemptLimiter.network(LimitPolicy.SIGN_IN_IP, client.ip()), perAccount);
        if (userId == null) {
            userId = accounts.findUserIdByEmail(email.normalized());
        }
        Optional<Account> account = userId.flatMap(accounts::findById);
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
        // A right password without the second factor is not a success yet: the password counters stay as they are.
        Optional<FactorUse> factor = secondFactor.check(account.get().id(), account.get().mfaEnabled(), mfaCode, recoveryCode);
        attempt.clear(perClient);
        if (knownDevice) {
            limiter.forget(perAccount);
        } else {
            attempt.clear(perAccount);
        }
        List<String> amr = factor.map(use -> List.of("pwd", use.kind().amr())).orElse(Session.PASSWORD);
        IssuedSession issued = issuer.issue(account.get().id(), account.get().credentialEpoch(), client, amr);
        switch (sessions.create(issued.session(), account.get().passwordHash(), factor)) {
            case PASSWORD_CHANGED -> throw DomainError.of(ErrorCode.INVALID_CREDENTIALS, WRONG); // changed while we checked it
            case FACTOR_SPENT -> throw DomainError.of(ErrorCode.INVALID_MFA_CODE, "the code is wrong or was used already");
            case YES -> factor.ifPresent(use -> secondFactor.spent(use, account.get().email()));
        }
        // After the write, so two racing sign-ins each see the other and the cap holds.
        sessions.trimTo(account.get().id(), maxSessions, issued.session().createdAt(), issued.session().id());
        String device = knownDevice ? deviceToken : devices.issue(account.get().id());
        return new SignedIn(account.get(), issued, device);
    }

}
