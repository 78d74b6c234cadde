package dev.latchkey.ratelimit;

import dev.latchkey.auth.UserData;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The one counter that belongs to an account: the run of consecutive sign-in failures of its
 * address. The others count a client (an IP, a device, an address with a client), not a user, and
 * expire within hours.
 */
@Singleton
public final class AccountLimits implements UserData {
    private final AttemptLimiter limiter;

    @Inject
    public AccountLimits(AttemptLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public String name() {
        return "sign-in failure count";
    }

    @Override
    public int forget(UserRef user, dev.latchkey.store.Forgetting forgetting) {
        if (user.normalizedEmail() == null) {
            return 0;
        }
        return limiter.forget(forgetting, AttemptLimiter.subject(LimitPolicy.SIGN_IN_ACCOUNT, user.normalizedEmail()));
    }
}
