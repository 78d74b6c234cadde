package dev.latchkey.mfa;

import dev.latchkey.auth.FactorUse;
import dev.latchkey.auth.SecondFactor;
import dev.latchkey.crypto.SecretSealer;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.mail.Mailer;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.ratelimit.LimitPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The second factor: a TOTP code (RFC 6238, ±1 step, only for a step later than the last one accepted) or a
 * recovery code. Wrong codes count per account ({@link LimitPolicy#MFA_CODE}), apart from password failures.
 * A wrong code and a used one get the same answer.
 */
@Singleton
public final class MfaFactors implements SecondFactor {
    private static final String WRONG = "the code is wrong or was used already";

    private final MfaStore store;
    private final SecretSealer sealer;
    private final AttemptLimiter limiter;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Clock clock;

    @Inject
    public MfaFactors(MfaStore store, SecretSealer sealer, AttemptLimiter limiter, Mailer mailer,
                      MailTemplates templates, Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.limiter = limiter;
        this.mailer = mailer;
        this.templates = templates;
        this.clock = clock;
    }

    @Override
    public Optional<FactorUse> check(String userId, boolean mfaEnabled, String mfaCode, String recoveryCode) {
        if (!mfaEnabled) {
            return Optional.empty();
        }
        if (mfaCode == null && recoveryCode == null) {
            throw DomainError.of(ErrorCode.MFA_REQUIRED, "mfaCode",
                    "this account has two-factor authentication on: send mfaCode (or recoveryCode)");
        }
        AttemptLimiter.Subject perAccount = AttemptLimiter.subject(LimitPolicy.MFA_CODE, userId);
        AttemptLimiter.Attempt attempt = limiter.check(perAccount);
        Optional<FactorUse> use = mfaCode != null ? totp(userId, mfaCode) : recoveryCode(userId, recoveryCode);
        if (use.isEmpty()) {
            attempt.record();
            throw invalidCode();
        }
        attempt.clear(perAccount);
        return use;
    }

    /** A {@code code} field that takes either kind: six digits are a TOTP code, anything else a recovery code. */
    public Optional<FactorUse> checkEither(String userId, String code) {
        boolean totp = code != null && code.length() == Totp.DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
        return check(userId, true, totp ? code : null, totp ? null : code);
    }

    @Override
    public void spend(FactorUse use, String ownerEmail) {
        if (!store.spend(use)) {
            throw invalidCode();
        }
        spent(use, ownerEmail);
    }

    @Override
    public void spent(FactorUse use, String ownerEmail) {
        if (use.kind() == FactorUse.Kind.RECOVERY_CODE) {
            mailer.send(templates.recoveryCodeUsed(ownerEmail, use.recoveryCodesLeft()));
        }
    }

    static DomainError invalidCode() {
        return DomainError.of(ErrorCode.INVALID_MFA_CODE, WRONG);
    }

    private Optional<FactorUse> totp(String userId, String code) {
        Optional<MfaStore.Totp> factor = store.findTotp(userId);
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        byte[] secret = sealer.unseal(userId, factor.get().sealedSecret());
        try {
            OptionalLong step = Totp.matchingStep(secret, code, clock.instant(), factor.get().lastUsedStep());
            return step.isPresent() ? Optional.of(FactorUse.totp(userId, step.getAsLong())) : Optional.empty();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private Optional<FactorUse> recoveryCode(String userId, String code) {
        Optional<String> normalized = RecoveryCodes.normalize(code);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        List<MfaStore.StoredCode> codes = store.recoveryCodes(userId);
        MfaStore.StoredCode found = null;
        for (MfaStore.StoredCode stored : codes) { // every one compared: the time does not tell which matched
            if (RecoveryCodes.matches(normalized.get(), stored.salt(), stored.hash()) && found == null) {
                found = stored;
            }
        }
        return found == null ? Optional.empty()
                : Optional.of(FactorUse.recoveryCode(userId, found.id(), found.hash(), codes.size() - 1));
    }
}
