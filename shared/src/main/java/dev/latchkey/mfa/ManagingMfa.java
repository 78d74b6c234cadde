package dev.latchkey.mfa;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.auth.FactorUse;
import dev.latchkey.auth.Principal;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.crypto.SecretSealer;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turning TOTP on and off and replacing recovery codes, for the signed-in user (session tokens only).
 *
 * <p>Enrolment hands out a pending secret that lives {@link #PENDING_LIFETIME}; asking again meanwhile answers the
 * same one, so reloading the page never forces a new scan. Verifying it with a code and the password turns MFA on
 * and answers the recovery codes, which are shown only then. Turning it off or replacing the codes takes the
 * password and a code (TOTP or recovery); the code is spent in the same transaction.
 */
@Singleton
public final class ManagingMfa {
    public static final Duration PENDING_LIFETIME = Duration.ofMinutes(15);

    private final AccountStore accounts;
    private final MfaStore store;
    private final MfaFactors factors;
    private final MfaPolicy policy;
    private final SecretSealer sealer;
    private final Reauthenticating reauthenticating;
    private final AttemptLimiter limiter;
    private final Randomness random;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Clock clock;
    private final String issuer;

    @Inject
    public ManagingMfa(AccountStore accounts, MfaStore store, MfaFactors factors, MfaPolicy policy, SecretSealer sealer,
                       Reauthenticating reauthenticating, AttemptLimiter limiter, Randomness random, Mailer mailer,
                       MailTemplates templates, Clock clock, Config config) {
        this.accounts = accounts;
        this.store = store;
        this.factors = factors;
        this.policy = policy;
        this.sealer = sealer;
        this.reauthenticating = reauthenticating;
        this.limiter = limiter;
        this.random = random;
        this.mailer = mailer;
        this.templates = templates;
        this.clock = clock;
        this.issuer = config.mfaIssuer();
    }

    /** POST /v1/me/mfa/totp: the pending secret (the live one if there is one). 409 when MFA is on already. */
    public TotpEnrolment enrol(Principal caller) {
        caller.requireSession("setting up two-factor authentication");
        Account account = account(caller);
        if (account.mfaEnabled()) {
            throw DomainError.conflict(null, "two-factor authentication is on already");
        }
        Instant now = clock.instant();
        Optional<MfaStore.Pending> pending = store.findPending(account.id(), now);
        if (pending.isEmpty()) {
            byte[] fresh = Totp.newSecret(random);
            MfaStore.Pending created = new MfaStore.Pending(sealer.seal(account.id(), fresh), now.plus(PENDING_LIFETIME));
            Arrays.fill(fresh, (byte) 0);
            pending = store.putPending(account.id(), created, now) ? Optional.of(created) : store.findPending(account.id(), now);
            if (pending.isEmpty()) {
                throw new IllegalStateException("a racing enrolment stored a pending secret that cannot be read back");
            }
        }
        byte[] secret = sealer.unseal(account.id(), pending.get().sealedSecret());
        try {
            String uri = Totp.otpauthUri(issuer, account.email(), secret);
            return new TotpEnrolment(Totp.base32(secret), uri, Totp.qrCodePngDataUri(uri));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** POST /v1/me/mfa/totp/verify: MFA on; answers the recovery codes, shown only here. */
    public List<String> verify(Principal caller, String code, String password) {
        caller.requireSession("setting up two-factor authentication");
        Account account = account(caller);
        reauthenticating.requirePassword(caller, account, password);
        if (account.mfaEnabled()) {
            throw DomainError.conflict(null, "two-factor authentication is on already");
        }
        Instant now = clock.instant();
        MfaStore.Pending pending = store.findPending(account.id(), now).orElseThrow(() -> DomainError.conflict(null,
                "no set-up in progress, or it expired: start again with POST /v1/me/mfa/totp"));
        AttemptLimiter.Subject perAccount = AttemptLimiter.subject(LimitPolicy.MFA_CODE, account.id());
        AttemptLimiter.Attempt attempt = limiter.check(perAccount);
        byte[] secret = sealer.unseal(account.id(), pending.sealedSecret());
        OptionalLong step;
        try {
            step = Totp.matchingStep(secret, code, now, Long.MIN_VALUE);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        if (step.isEmpty()) {
            attempt.record();
            throw MfaFactors.invalidCode();
        }
        attempt.clear(perAccount);
        List<String> codes = RecoveryCodes.generate(random);
        // the secret stays sealed as it was: the pending item's ciphertext becomes the factor's
        if (!store.enable(account.id(), pending.sealedSecret(), new MfaStore.Totp(pending.sealedSecret(), step.getAsLong()),
                stored(codes))) {
            throw DomainError.conflict(null, "two-factor authentication was turned on, or set up again, by another request");
        }
        mailer.send(templates.mfaEnabled(account.email()));
        return codes;
    }

    /** DELETE /v1/me/mfa/totp: MFA off, the secret and every recovery code deleted. */
    public void disable(Principal caller, String password, String code) {
        caller.requireSession("turning two-factor authentication off");
        Account account = account(caller);
        reauthenticating.requirePassword(caller, account, password);
        if (!account.mfaEnabled()) {
            throw DomainError.conflict(null, "two-factor authentication is off");
        }
        List<String> requiring = policy.applicationsRequiringMfa(account.id());
        if (!requiring.isEmpty()) {
            throw DomainError.of(ErrorCode.MFA_REQUIRED_BY_APPLICATION, null,
                    "these applications require two-factor authentication for your role: " + String.join(", ", requiring));
        }
        FactorUse use = factors.checkEither(account.id(), code).orElseThrow();
        if (!store.disable(account.id(), use, store.recoveryCodes(account.id()))) {
            throw MfaFactors.invalidCode();
        }
        mailer.send(templates.mfaDisabled(account.email()));
    }

    /** POST /v1/me/mfa/recovery-codes: a new set; the old one stops working in the same write. */
    public List<String> regenerateRecoveryCodes(Principal caller, String password, String code) {
        caller.requireSession("replacing recovery codes");
        Account account = account(caller);
        reauthenticating.requirePassword(caller, account, password);
        if (!account.mfaEnabled()) {
            throw DomainError.conflict(null, "two-factor authentication is off");
        }
        FactorUse use = factors.checkEither(account.id(), code).orElseThrow();
        List<String> codes = RecoveryCodes.generate(random);
        if (!store.replaceRecoveryCodes(account.id(), use, store.recoveryCodes(account.id()), stored(codes))) {
            throw MfaFactors.invalidCode();
        }
        mailer.send(templates.recoveryCodesReplaced(account.email()));
        return codes;
    }

    private List<MfaStore.StoredCode> stored(List<String> codes) {
        List<MfaStore.StoredCode> stored = new ArrayList<>(codes.size());
        for (String code : codes) {
            String salt = RecoveryCodes.newSalt(random);
            String normalized = RecoveryCodes.normalize(code).orElseThrow();
            stored.add(new MfaStore.StoredCode(random.base62(16), salt, RecoveryCodes.hash(normalized, salt)));
        }
        return stored;
    }

    private Account account(Principal caller) {
        return accounts.current(caller)
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the credential is no longer valid"));
    }
}
