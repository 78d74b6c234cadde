package dev.latchkey.email;

import dev.latchkey.auth.UserData;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.ratelimit.LimitPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The account's count of email-change requests, which is keyed by the user id: forgotten with the account. */
@Singleton
public final class EmailChangeLimits implements UserData {
    private final AttemptLimiter limiter;

    @Inject
    public EmailChangeLimits(AttemptLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public String name() {
        return "email-change request count";
    }

    @Override
    public int forget(UserRef user, dev.latchkey.store.Forgetting forgetting) {
        return limiter.forget(forgetting, AttemptLimiter.subject(LimitPolicy.EMAIL_CHANGE_USER, user.userId()));
    }
}
