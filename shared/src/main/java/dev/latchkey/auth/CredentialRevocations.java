package dev.latchkey.auth;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The contributed {@link CredentialRevocation}s by credential type. */
@Singleton
public final class CredentialRevocations {
    private final Map<Principal.CredentialType, CredentialRevocation> byType = new EnumMap<>(Principal.CredentialType.class);

    @Inject
    public CredentialRevocations(Set<CredentialRevocation> revocations) {
        for (CredentialRevocation revocation : revocations) {
            if (byType.put(revocation.type(), revocation) != null) {
                throw new IllegalStateException("two revocations for " + revocation.type());
            }
        }
    }

    /** Ends the user's sessions of epochs before {@code epoch}; see {@link CredentialRevocation#revokeAllBefore}. */
    public int endSessionsBefore(String userId, long epoch) {
        return of(Principal.CredentialType.SESSION).revokeAllBefore(userId, epoch);
    }

    /** Ends every session of the user but {@code keepSessionId}; see {@link CredentialRevocation#revokeAllExcept}. */
    public int endOtherSessions(String userId, String keepSessionId) {
        return of(Principal.CredentialType.SESSION).revokeAllExcept(userId, keepSessionId);
    }

    /** Revokes every API key of the user. */
    public int revokeApiKeys(String userId) {
        return of(Principal.CredentialType.API_KEY).revokeAllBefore(userId, Long.MAX_VALUE);
    }

    private CredentialRevocation of(Principal.CredentialType type) {
        CredentialRevocation revocation = byType.get(type);
        if (revocation == null) {
            throw new IllegalStateException("no revocation is wired for " + type);
        }
        return revocation;
    }
}
