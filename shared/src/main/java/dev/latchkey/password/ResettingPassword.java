package dev.latchkey.password;

import dev.latchkey.auth.CredentialRevocations;
import dev.latchkey.auth.SecondFactor;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.account.EmailAddress;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.mail.Mailer;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.ratelimit.LimitPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * POST /v1/password-reset and its confirmation. The request answers alike for known and unknown
 * emails and does the same work for both: one guard read and one mail — a one-time link to an
 * account's owner, a short notice ("no account here") to any other address. Links carry 256-bit
 * tokens, stored hashed, valid one hour, single use; a newer request replaces the older link.
 */
@Singleton
public final class ResettingPassword {
    public static final Duration LINK_LIFETIME = Duration.ofHours(1);
    private static final Pattern TOKEN_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final String INVALID = "the link is invalid, was already used, has expired or was replaced by a newer one";

    private final AccountStore accounts;
    private final PasswordResetStore resets;
    private final CredentialRevocations revocations;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final SecondFactor secondFactor;
    private final AttemptLimiter limiter;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Randomness randomness;
    private final Clock clock;

    @Inject
    public ResettingPassword(AccountStore accounts, PasswordResetStore resets, CredentialRevocations revocations, PasswordPolicy policy,
                             PasswordHasher hasher, SecondFactor secondFactor, AttemptLimiter limiter, Mailer mailer,
                             MailTemplates templates, Randomness randomness, Clock clock) {
        this.accounts = accounts;
        this.resets = resets;
        this.revocations = revocations;
        this.policy = policy;
        this.hasher = hasher;
        this.secondFactor = secondFactor;
        this.limiter = limiter;
        this.mailer = mailer;
        this.templates = templates;
        this.randomness = randomness;
        this.clock = clock;
    }

    public void request(String rawEmail, String sourceIp) {
        EmailAddress email = EmailAddress.parse("email", rawEmail);
        // Per (email, IP) first: a stranger's requests for someone's address do not block the owner's;
        // the per-email ceiling only stops an inbox being flooded from many addresses.
        limiter.check(AttemptLimiter.subject(LimitPolicy.RESET_EMAIL_CLIENT, email.normalized(), sourceIp),
                AttemptLimiter.network(LimitPolicy.RESET_IP, sourceIp),
                AttemptLimiter.subject(LimitPolicy.RESET_EMAIL, email.normalized())).record();

        Optional<Account> account = accounts.peekUserIdByEmail(email.normalized()).flatMap(accounts::findById);
        if (account.isEmpty()) {
            mailer.send(templates.resetForUnknownAddress(email.value()));
            return;
        }
        String token = randomness.base64Url(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        resets.save(new PasswordReset(account.get().id(), Hashes.sha256(token), now, now.plus(LINK_LIFETIME).truncatedTo(ChronoUnit.SECONDS)));
        // To the stored address, not the typed one: they match only up to case, and the account's is the verified one.
        mailer.send(templates.resetPassword(account.get().email(), token, LINK_LIFETIME.toMinutes()));
    }

    /**
     * Sets the new password, ends every session of the account and, unless {@code revokeApiKeys} is
     * false, revokes its API keys (a key minted by a stolen session must not outlive the reset); then
     * mails the owner what happened.
     */
    public void confirm(String token, String rawPassword, String mfaCode, boolean revokeApiKeys) {
        confirm(token, rawPassword, mfaCode, null, revokeApiKeys);
    }

    /**
     * With MFA on, {@code mfaCode} or {@code recoveryCode} must be right: it is spent before the link is, so a
     * missing, wrong or replayed code leaves the link usable, and a mailed link alone never takes the account.
     */
    public void confirm(String token, String rawPassword, String mfaCode, String recoveryCode, boolean revokeApiKeys) {
        if (!TOKEN_SHAPE.matcher(token).matches()) {
            throw DomainError.invalidField("token", "token must be the 43-character value from the mail link");
        }
        String password = PasswordPolicy.normalize(rawPassword);
        policy.check("password", password);
        Instant now = clock.instant();
        PasswordReset reset = resets.findByTokenHash(Hashes.sha256(token))
                .filter(r -> !r.expiredAt(now))
                .orElseThrow(() -> DomainError.invalidToken("token", INVALID));
        Account account = accounts.findById(reset.userId()).orElseThrow(() -> DomainError.invalidToken("token", INVALID));
        policy.check("password", password, java.util.Arrays.asList(account.email(), account.name(), account.username()));
        secondFactor.check(account.id(), account.mfaEnabled(), mfaCode, recoveryCode)
                .ifPresent(use -> secondFactor.spend(use, account.email()));
        if (!resets.complete(reset, hasher.hash(password), account.credentialEpoch())) {
            throw DomainError.invalidToken("token", INVALID);
        }
        int sessionsEnded = revocations.endSessionsBefore(account.id(), account.credentialEpoch() + 1);
        // After the sessions: a key being created by one of them either committed already (and is found
        // here) or fails, because key creation is conditioned on its session still existing.
        int keysRevoked = revokeApiKeys ? revocations.revokeApiKeys(account.id()) : -1;
        // The owner proved control of the mailbox: a stranger's run of failures no longer holds the account.
        limiter.forget(AttemptLimiter.subject(LimitPolicy.SIGN_IN_ACCOUNT, account.normalizedEmail()));
        mailer.send(templates.passwordWasReset(account.email(), sessionsEnded, keysRevoked));
    }

    public void confirm(String token, String rawPassword, String mfaCode) {
        confirm(token, rawPassword, mfaCode, true);
    }
}
