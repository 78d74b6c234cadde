package dev.latchkey.application;

import java.time.Instant;
import java.util.Set;

/**
 * An application: a named thing of the platform that users share with roles. {@code mfaRequiredRoles}: members
 * in these roles need two-factor authentication on to use it. {@code memberCount} includes the owner.
 */
public record Application(String id, String name, String ownerId, Set<Role> mfaRequiredRoles, int memberCount, Instant createdAt) {

    public Application {
        mfaRequiredRoles = Set.copyOf(mfaRequiredRoles);
    }

    public boolean requiresMfa(Role role) {
        return mfaRequiredRoles.contains(role);
    }
}
