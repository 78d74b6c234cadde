package dev.latchkey.signup;

import dev.latchkey.account.AccountStore;
import dev.latchkey.account.EmailAddress;
import dev.latchkey.account.PersonName;
import dev.latchkey.account.Username;

import dev.latchkey.config.Config;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * POST /v1/signup. Enumeration-safe: for a new and an existing email alike the caller gets the same
 * answer after about the same work — one guard read and exactly one mail: a verification link to a
 * new address, a notice to the owner of an existing one. The account, and its password, are made
 * only when the link is used ({@link ConfirmingSignup}). Requests are limited per (email, IP), per
 * email and per IP, so nobody can flood an inbox with links or notices.
 */
@Singleton
public final class SigningUp {
    private final AccountStore accounts;
    private final PendingSignupStore pending;
    private final AttemptLimiter limiter;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Randomness randomness;
    private final Clock clock;
    private final Config config;

    @Inject
    public SigningUp(AccountStore accounts, PendingSignupStore pending, AttemptLimiter limiter, Mailer mailer, MailTemplates templates,
                     Randomness randomness, Clock clock, Config config) {
        this.accounts = accounts;
        this.pending = pending;
        this.limiter = limiter;
        this.mailer = mailer;
        this.templates = templates;
        this.randomness = randomness;
        this.clock = clock;
        this.config = config;
    }

    public void signUp(SignupCommand command, String sourceIp) {
        EmailAddress email = EmailAddress.parse("email", command.email());
        String name = command.name() == null ? null : PersonName.parse("name", command.name());
        String username = command.username() == null ? null : Username.parse("username", command.username());
        if (username != null && accounts.isUsernameTaken(username)) {
            throw DomainError.conflict("username", "username is already taken");
        }
        limiter.check(AttemptLimiter.subject(LimitPolicy.SIGNUP_EMAIL_CLIENT, email.normalized(), sourceIp),
                AttemptLimiter.network(LimitPolicy.SIGNUP_IP, sourceIp),
                AttemptLimiter.subject(LimitPolicy.SIGNUP_EMAIL, email.normalized())).record();

        if (accounts.peekUserIdByEmail(email.normalized()).isPresent()) {
            mailer.send(templates.accountAlreadyExists(email.value()));
            return;
        }
        String token = randomness.base64Url(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        pending.savePending(new PendingSignup(email.normalized(), email.value(), Hashes.sha256(token),
                name, username, now, now.plus(config.verificationLifetime()).truncatedTo(ChronoUnit.SECONDS)));
        mailer.send(templates.verifySignup(email.value(), token, config.verificationLifetime().toHours()));
    }
}
