package dev.latchkey.email;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.account.EmailAddress;
import dev.latchkey.auth.CredentialRevocations;
import dev.latchkey.auth.Principal;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.mail.Mailer;
import dev.latchkey.password.Reauthenticating;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.ratelimit.LimitPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * POST /v1/me/email and its confirmation. The request needs a session and the password (wrong ones count against the
 * same per-(email, session) limit as at a password change; right ones count against five requests an hour per account,
 * {@link LimitPolicy#EMAIL_CHANGE_USER}) and answers alike whether or not the new address has an
 * account: a free address gets a one-time link (256-bit token, stored only as SHA-256, valid one hour, a newer request
 * replaces it), a taken one a notice that someone tried to move an account to it; the old address gets a notice
 * either way. Only confirming, signed in as the same account, moves the address: guards swapped in one transaction,
 * every other session ended, a notice to the old address.
 */
@Singleton
public final class ChangingEmail {
    public static final Duration LINK_LIFETIME = Duration.ofHours(1);
    private static final Pattern TOKEN_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final String INVALID = "the link is invalid, was already used, has expired or was replaced by a newer one";

    private final AccountStore accounts;
    private final EmailChangeStore changes;
    private final Reauthenticating reauthenticating;
    private final CredentialRevocations revocations;
    private final AttemptLimiter limiter;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Randomness randomness;
    private final Clock clock;

    @Inject
    public ChangingEmail(AccountStore accounts, EmailChangeStore changes, Reauthenticating reauthenticating,
                         CredentialRevocations revocations, AttemptLimiter limiter, Mailer mailer, MailTemplates templates,
                         Randomness randomness, Clock clock) {
        this.accounts = accounts;
        this.changes = changes;
        this.reauthenticating = reauthenticating;
        this.revocations = revocations;
        this.limiter = limiter;
        this.mailer = mailer;
        this.templates = templates;
        this.randomness = randomness;
        this.clock = clock;
    }

    /** Mails the link (or, for a taken address, the notice) and the notice to the old address; the answer is the same. */
    public void request(Principal caller, String rawEmail, String rawPassword) {
        caller.requireSession("changing the email address");
        EmailAddress email = EmailAddress.parse("email", rawEmail);
        Account account = accounts.current(caller)
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the credential is no longer valid"));
        reauthenticating.requirePassword(caller, account, rawPassword);
        if (email.normalized().equals(account.normalizedEmail())) {
            throw DomainError.invalidField("email", "email is already the address of this account");
        }
        limiter.check(AttemptLimiter.subject(LimitPolicy.EMAIL_CHANGE_USER, account.id())).record();
        // Eventually consistent: it only chooses which mail to send; confirming re-checks under a condition.
        if (accounts.peekUserIdByEmail(email.normalized()).isPresent()) {
            changes.discard(account.id());
            mailer.send(templates.emailChangeToTakenAddress(email.value()));
        } else {
            String token = randomness.base64Url(32);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            changes.save(new EmailChange(account.id(), email.value(), email.normalized(), Hashes.sha256(token), now,
                    now.plus(LINK_LIFETIME).truncatedTo(ChronoUnit.SECONDS)));
            mailer.send(templates.confirmEmailChange(email.value(), token, LINK_LIFETIME.toMinutes()));
        }
        mailer.send(templates.emailChangeRequested(account.email(), email.value()));
    }

    /**
     * Moves the address; the caller must be the account that asked (else 403, and the link stays usable). Every other
     * session of the account ends (the caller's stays; API keys stay). Answers the profile with the new address.
     */
    public Account confirm(Principal caller, String token) {
        if (!TOKEN_SHAPE.matcher(token).matches()) {
            throw DomainError.invalidField("token", "token must be the 43-character value from the mail link");
        }
        Instant now = clock.instant();
        EmailChange change = changes.findByTokenHash(Hashes.sha256(token))
                .filter(c -> !c.expiredAt(now))
                .orElseThrow(() -> DomainError.invalidToken("token", INVALID));
        if (!change.userId().equals(caller.userId())) {
            throw DomainError.of(ErrorCode.FORBIDDEN, "token", "the link belongs to another account: sign in as the account that asked for it");
        }
        Account account = accounts.current(caller)
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the credential is no longer valid"));
        switch (changes.complete(change, account)) {
            case ADDRESS_TAKEN -> throw DomainError.conflict("email", "the new address belongs to another account by now; nothing was changed");
            case LINK_GONE -> throw DomainError.invalidToken("token", INVALID);
            case CHANGED_MEANWHILE -> throw DomainError.conflict("email", "the account was changed by another request meanwhile; try again");
            case MOVED -> {
                // go on
            }
        }
        revocations.endOtherSessions(account.id(), caller.sessionId());
        mailer.send(templates.emailChanged(account.email(), change.email()));
        return new Account(account.id(), change.email(), change.normalizedEmail(), true, account.name(), account.username(),
                account.mfaEnabled(), account.createdAt(), account.passwordHash(), account.credentialEpoch());
    }
}
