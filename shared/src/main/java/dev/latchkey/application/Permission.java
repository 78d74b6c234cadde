package dev.latchkey.application;

/**
 * What a member may do in an application. {@link Permissions} decides which role has which; every
 * application route asks it, and {@code GET /v1/applications/{appId}} lists the caller's.
 */
public enum Permission {
    READ("application:read"),
    RENAME("application:rename"),
    DELETE("application:delete"),
    SET_MFA_REQUIREMENTS("application:set_mfa_requirements"),
    TRANSFER_OWNERSHIP("application:transfer_ownership"),
    LEAVE("application:leave"),
    READ_MEMBERS("members:read"),
    INVITE("members:invite"),
    CHANGE_ROLES("members:change_roles"),
    REMOVE_MEMBERS("members:remove");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
