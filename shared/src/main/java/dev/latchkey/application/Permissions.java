package dev.latchkey.application;

import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one permission table (docs/security.md mirrors it; {@code PermissionTableTest} drives every cell
 * through the use cases). Observers and operators read; developers also rename; only the owner invites,
 * changes roles, removes others, sets MFA requirements, transfers ownership or deletes. Any member but
 * the owner may leave.
 */
public final class Permissions {
    private static final Map<Role, Set<Permission>> TABLE = new EnumMap<>(Role.class);

    static {
        Set<Permission> reader = EnumSet.of(Permission.READ, Permission.READ_MEMBERS, Permission.LEAVE);
        Set<Permission> developer = EnumSet.copyOf(reader);
        developer.add(Permission.RENAME);
        Set<Permission> owner = EnumSet.allOf(Permission.class);
        owner.remove(Permission.LEAVE);
        TABLE.put(Role.OWNER, Collections.unmodifiableSet(owner));
        TABLE.put(Role.DEVELOPER, Collections.unmodifiableSet(developer));
        TABLE.put(Role.OPERATOR, Collections.unmodifiableSet(EnumSet.copyOf(reader)));
        TABLE.put(Role.OBSERVER, Collections.unmodifiableSet(EnumSet.copyOf(reader)));
    }

    private Permissions() {
    }

    /** The permissions of {@code role}, in declaration order. */
    public static Set<Permission> of(Role role) {
        return TABLE.get(role);
    }

    public static boolean allows(Role role, Permission permission) {
        return TABLE.get(role).contains(permission);
    }

    /** 403 {@code forbidden} naming the permission the role lacks. */
    public static void require(Role role, Permission permission) {
        if (!allows(role, permission)) {
            throw DomainError.of(ErrorCode.FORBIDDEN,
                    "your role (" + role.wireName() + ") does not have the permission " + permission.wireName());
        }
    }
}
