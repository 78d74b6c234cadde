package dev.latchkey.account;

import dev.latchkey.config.Config;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.mail.Mailer;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * POST /v1/signup. Enumeration-safe: for a new and an existing email alike the caller gets the same
 * answer, the password is hashed once and exactly one mail is sent — a verification link to a new
 * address, a notice to the owner of an existing one. The account is created only when the link
 * is used ({@link ConfirmingSignup}).
 */
@Singleton
public final class SigningUp {
    private final AccountStore accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Randomness randomness;
    private final Clock clock;
    private final Config config;

    @Inject
    public SigningUp(AccountStore accounts, PasswordPolicy policy, PasswordHasher hasher, Mailer mailer,
                     MailTemplates templates, Randomness randomness, Clock clock, Config config) {
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.mailer = mailer;
        this.templates = templates;
        this.randomness = randomness;
        this.clock = clock;
        this.config = config;
    }

    public void signUp(SignupCommand command) {
        EmailAddress email = EmailAddress.parse("email", command.email());
        String password = PasswordPolicy.normalize(command.password());
        policy.check("password", password);
        String name = command.name() == null ? null : PersonName.parse("name", command.name());
        String username = command.username() == null ? null : Username.parse("username", command.username());
        if (username != null && accounts.isUsernameTaken(username)) {
            throw DomainError.conflict("username", "username is already taken");
        }

        String passwordHash = hasher.hash(password);
        if (accounts.peekUserIdByEmail(email.normalized()).isPresent()) {
            mailer.send(templates.accountAlreadyExists(email.value()));
            return;
        }
        String token = randomness.base64Url(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        accounts.savePending(new PendingSignup(email.normalized(), email.value(), Hashes.sha256(token), passwordHash,
                name, username, now, now.plus(config.verificationLifetime()).truncatedTo(ChronoUnit.SECONDS)));
        mailer.send(templates.verifySignup(email.value(), token, config.verificationLifetime().toHours()));
    }
}
