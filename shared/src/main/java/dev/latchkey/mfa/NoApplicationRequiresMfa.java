package dev.latchkey.mfa;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/** The {@link MfaPolicy} until applications exist: nothing requires MFA. */
@Singleton
public final class NoApplicationRequiresMfa implements MfaPolicy {

    @Inject
    public NoApplicationRequiresMfa() {
    }

    @Override
    public List<String> applicationsRequiringMfa(String userId) {
        return List.of();
    }
}
