package dev.latchkey.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Mail;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the permission table (role × action), driven through the use cases against DynamoDB Local: a
 * fresh application per cell with one member of each role, the member of the cell's role acting. The expected
 * table is written out here from the API contract (docs/security.md mirrors it), not read from
 * {@link Permissions}, so a change to the table in code fails here.
 */
@DisplayName("application permissions: every role × action")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionTableTest {
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.10", "curl/8.5.0");

    /** API.md: observers and operators read; developers also rename; only the owner does the rest; all but the owner leave. */
    private static final Map<Role, Set<Permission>> CONTRACT = new EnumMap<>(Map.of(
            Role.OWNER, EnumSet.of(Permission.READ, Permission.RENAME, Permission.DELETE, Permission.SET_MFA_REQUIREMENTS,
                    Permission.TRANSFER_OWNERSHIP, Permission.READ_MEMBERS, Permission.INVITE, Permission.CHANGE_ROLES,
                    Permission.REMOVE_MEMBERS),
            Role.DEVELOPER, EnumSet.of(Permission.READ, Permission.RENAME, Permission.READ_MEMBERS, Permission.LEAVE),
            Role.OPERATOR, EnumSet.of(Permission.READ, Permission.READ_MEMBERS, Permission.LEAVE),
            Role.OBSERVER, EnumSet.of(Permission.READ, Permission.READ_MEMBERS, Permission.LEAVE)));

    private final Domain domain = new Domain("perms");
    private final ManagingApplications apps = domain.component.managingApplications();
    private final ManagingMembers members = domain.component.managingMembers();
    private final Inviting inviting = domain.component.inviting();
    private final Map<Role, Principal> users = new EnumMap<>(Role.class);
    private final Map<Role, String> emails = new EnumMap<>(Role.class);
    private final AtomicInteger invitations = new AtomicInteger();

    PermissionTableTest() {
        for (Role role : Role.values()) {
            String email = role.wireName() + "@perms.test";
            emails.put(role, email);
            users.put(role, domain.authenticating.authenticate("Bearer " + Accounts.create(domain, email, CLIENT).session().token()).orElseThrow());
        }
    }

    /** A new application owned by the owner, with the three other roles as members. */
    private String application() {
        Principal owner = users.get(Role.OWNER);
        String appId = apps.create(owner, "Cell " + invitations.incrementAndGet()).application().id();
        for (Role role : List.of(Role.DEVELOPER, Role.OPERATOR, Role.OBSERVER)) {
            inviting.invite(owner, appId, emails.get(role), null, role.wireName());
            String token = Mail.token(domain.outbox.messages().stream().filter(m -> m.to().equals(emails.get(role))).toList().getLast());
            inviting.accept(users.get(role), new Inviting.Reference(token, null, null));
        }
        return appId;
    }

    /** A member other than the actor and the owner, to act upon. */
    private Principal target(Role actor) {
        return users.get(actor == Role.OBSERVER ? Role.OPERATOR : Role.OBSERVER);
    }

    private void act(Role role, Permission permission, String appId) {
        Principal caller = users.get(role);
        switch (permission) {
            case READ -> apps.get(caller, appId);
            case RENAME -> apps.update(caller, appId, "Renamed by " + role.wireName(), null);
            case DELETE -> apps.delete(caller, appId);
            case SET_MFA_REQUIREMENTS -> apps.update(caller, appId, null, List.of());
            case TRANSFER_OWNERSHIP -> apps.transferOwnership(caller, appId, target(role).userId(), null, null);
            case LEAVE -> members.remove(caller, appId, caller.userId());
            case READ_MEMBERS -> members.list(caller, appId, null);
            case INVITE -> inviting.invite(caller, appId, "new-" + invitations.incrementAndGet() + "@perms.test", null, "observer");
            case CHANGE_ROLES -> members.changeRole(caller, appId, target(role).userId(), "developer");
            case REMOVE_MEMBERS -> members.remove(caller, appId, target(role).userId());
        }
    }

    Stream<Arguments> cells() {
        return Stream.of(Role.values()).flatMap(r -> Stream.of(Permission.values()).map(p -> Arguments.of(r, p)));
    }

    @ParameterizedTest(name = "case={0} × {1}")
    @MethodSource("cells")
    void cell(Role role, Permission permission) {
        String appId = application();
        boolean allowed = CONTRACT.get(role).contains(permission);
        if (allowed) {
            assertThatCode(() -> act(role, permission, appId)).as("%s may %s", role, permission).doesNotThrowAnyException();
        } else if (role == Role.OWNER && permission == Permission.LEAVE) {
            assertThatThrownBy(() -> act(role, permission, appId)).as("the owner cannot leave")
                    .matches(e -> ((DomainError) e).code() == ErrorCode.CONFLICT);
        } else {
            assertThatThrownBy(() -> act(role, permission, appId)).as("%s may not %s", role, permission)
                    .matches(e -> ((DomainError) e).code() == ErrorCode.FORBIDDEN)
                    .hasMessageContaining(permission.wireName());
        }
    }

    @Test
    @DisplayName("case=the table in code is the contract's, and GET answers it as the role's permissions")
    void tableMatchesContract() {
        for (Role role : Role.values()) {
            assertThat(Permissions.of(role)).as(role.wireName()).isEqualTo(CONTRACT.get(role));
        }
        String appId = application();
        for (Role role : Role.values()) {
            assertThat(apps.get(users.get(role), appId).permissions()).isEqualTo(CONTRACT.get(role));
        }
    }

    @Test
    @DisplayName("case=non-members get 404 on every application route, never 403")
    void strangersSeeNothing() {
        String appId = application();
        Principal stranger = domain.authenticating.authenticate("Bearer "
                + Accounts.create(domain, "stranger@perms.test", CLIENT).session().token()).orElseThrow();
        for (Permission permission : Permission.values()) {
            Principal caller = stranger;
            assertThatThrownBy(() -> {
                switch (permission) {
                    case READ -> apps.get(caller, appId);
                    case RENAME -> apps.update(caller, appId, "x", null);
                    case DELETE -> apps.delete(caller, appId);
                    case SET_MFA_REQUIREMENTS -> apps.update(caller, appId, null, List.of());
                    case TRANSFER_OWNERSHIP -> apps.transferOwnership(caller, appId, users.get(Role.OBSERVER).userId(), null, null);
                    case LEAVE -> members.remove(caller, appId, caller.userId());
                    case READ_MEMBERS -> members.list(caller, appId, null);
                    case INVITE -> inviting.invite(caller, appId, "x@perms.test", null, "observer");
                    case CHANGE_ROLES -> members.changeRole(caller, appId, users.get(Role.OBSERVER).userId(), "developer");
                    case REMOVE_MEMBERS -> members.remove(caller, appId, users.get(Role.OBSERVER).userId());
                }
            }).as(permission.wireName()).matches(e -> ((DomainError) e).code() == ErrorCode.NOT_FOUND);
        }
    }
}
