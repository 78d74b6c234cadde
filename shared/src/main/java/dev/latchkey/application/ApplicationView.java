package dev.latchkey.application;

import java.util.Set;

/**
 * An application as one member sees it: their role, what it permits, and whether the application requires
 * MFA of their role while they have it off ({@code blockedByMfa}: every route but leaving answers 403 then).
 */
public record ApplicationView(Application application, Role role, boolean blockedByMfa) {

    public Set<Permission> permissions() {
        return Permissions.of(role);
    }
}
