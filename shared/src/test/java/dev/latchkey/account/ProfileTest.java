package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.testing.Accounts;
import dev.latchkey.session.SignedIn;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Race;
import dev.latchkey.testing.TableScan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** PATCH /v1/me through the use case, against DynamoDB Local: name, username and its guard items, races. */
@DisplayName("editing the profile")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileTest {
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.21", "curl/8.5.0");

    private final Domain domain = new Domain("profile");
    private final EditingProfile editing = domain.component.editingProfile();

    private Principal user(String email) {
        return domain.acrossRequests(Accounts.create(domain, email, CLIENT).session().token());
    }

    private static void assertFails(ErrorCode code, String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainError.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).contains(field);
        });
    }

    private String guardOwner(String username) {
        return domain.accounts.findUserIdByUsername(username).orElse(null);
    }

    @Test
    @DisplayName("case=authentication hands the profile it read on: the operation answers from it without a read of its own")
    void profileHandedOn() {
        SignedIn signedIn = Accounts.create(domain, "ada@handed-on.profile.test", CLIENT);
        Principal ada = domain.authenticating.authenticate("Bearer " + signedIn.session().token()).orElseThrow();
        assertThat(ada.profile()).isInstanceOfSatisfying(Account.class, a -> {
            assertThat(a.id()).isEqualTo(ada.userId());
            assertThat(a.email()).isEqualTo("ada@handed-on.profile.test");
        });
        assertThat(ada.toString()).doesNotContain("ada@handed-on.profile.test");

        // the profile removed after authentication (as by a deletion a moment later): this request still answers from
        // what it read, so it made no read of its own; the next request's authentication finds no account
        DynamoDbLocal.shared().client().deleteItem(r -> r.tableName(domain.table)
                .key(dev.latchkey.account.dynamo.AccountItems.user(ada.userId()).attributes()));
        assertThat(domain.profiles.profile(ada).email()).isEqualTo("ada@handed-on.profile.test");
        assertThat(domain.authenticating.authenticate("Bearer " + signedIn.session().token())).isEmpty();

        // a principal from elsewhere (an authorizer's context) or with another user's profile reads the account itself
        Principal fromContext = new Principal(ada.userId(), ada.credentialType(), ada.credentialId());
        assertThat(fromContext.withProfile(ada.profile()).profile()).isSameAs(ada.profile());
        Principal bob = domain.authenticating.authenticate("Bearer "
                + Accounts.create(domain, "bob@handed-on.profile.test", CLIENT).session().token()).orElseThrow();
        assertThat(fromContext.withProfile(bob.profile()).profile()).isNull();
        assertThat(ada.withoutProfile().profile()).isNull();
        assertThat(ada.withoutProfile()).isEqualTo(ada);
        assertThatThrownBy(() -> domain.profiles.profile(fromContext)).isInstanceOfSatisfying(DomainError.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    @DisplayName("case=name and username change together; the old username's guard goes and the name is free for someone else")
    void renameAndMove() {
        Principal ada = user("ada@profile.test");
        Account first = editing.update(ada, "  Ada Lovelace ", "ada");
        assertThat(first.name()).isEqualTo("Ada Lovelace");
        assertThat(first.username()).isEqualTo("ada");
        assertThat(guardOwner("ada")).isEqualTo(ada.userId());

        Account second = editing.update(ada, null, "countess");
        assertThat(second.name()).isEqualTo("Ada Lovelace");
        assertThat(second.username()).isEqualTo("countess");
        assertThat(domain.profiles.profile(ada.userId())).isEqualTo(second);
        assertThat(guardOwner("ada")).isNull();
        assertThat(guardOwner("countess")).isEqualTo(ada.userId());

        Principal bob = user("bob@profile.test");
        assertThat(editing.update(bob, null, "ada").username()).isEqualTo("ada");
        assertThat(guardOwner("ada")).isEqualTo(bob.userId());
        assertThat(editing.update(bob, "Bob", null).name()).isEqualTo("Bob");
    }

    @Test
    @DisplayName("case=an API key may edit the profile")
    void apiKey() {
        Principal ada = user("ada@key.profile.test");
        String key = domain.managingApiKeys.create(ada, "ci", null, null, null).key();
        Principal viaKey = domain.authenticating.authenticate("Bearer " + key).orElseThrow();
        assertThat(editing.update(viaKey, "Ada by key", null).name()).isEqualTo("Ada by key");
    }

    @Test
    @DisplayName("case=neither field is 400 naming body; a bad name or username is 400 naming it")
    void validation() {
        Principal ada = user("ada@invalid.profile.test");
        assertFails(ErrorCode.INVALID_REQUEST, "body", () -> editing.update(ada, null, null));
        assertFails(ErrorCode.INVALID_REQUEST, "name", () -> editing.update(ada, "   ", null));
        assertFails(ErrorCode.INVALID_REQUEST, "name", () -> editing.update(ada, "x".repeat(101), null));
        assertFails(ErrorCode.INVALID_REQUEST, "name", () -> editing.update(ada, "bell\u0007", null));
        assertFails(ErrorCode.INVALID_REQUEST, "username", () -> editing.update(ada, null, "Ada"));
        assertFails(ErrorCode.INVALID_REQUEST, "username", () -> editing.update(ada, "Ada", "a"));
        assertThat(domain.profiles.profile(ada.userId()).name()).isNull();
    }

    @Test
    @DisplayName("case=a taken username is 409 conflict naming username, and nothing is written")
    void taken() {
        Principal ada = user("ada@taken.profile.test");
        Principal bob = user("bob@taken.profile.test");
        editing.update(ada, null, "taken-name");
        editing.update(bob, "Bob", "bobby");
        List<Map<String, AttributeValue>> before = TableScan.items(domain.table);
        assertFails(ErrorCode.CONFLICT, "username", () -> editing.update(bob, "Robert", "taken-name"));
        assertThat(TableScan.items(domain.table)).containsExactlyInAnyOrderElementsOf(before);
        Account bobNow = domain.profiles.profile(bob.userId());
        assertThat(bobNow.username()).isEqualTo("bobby");
        assertThat(bobNow.name()).isEqualTo("Bob");
        assertThat(guardOwner("taken-name")).isEqualTo(ada.userId());
    }

    @Test
    @DisplayName("case=the same username again (and the same name) writes nothing")
    void sameIsNoOp() {
        Principal ada = user("ada@same.profile.test");
        editing.update(ada, "Ada", "same-ada");
        List<Map<String, AttributeValue>> before = TableScan.items(domain.table);
        assertThat(editing.update(ada, "Ada", "same-ada").username()).isEqualTo("same-ada");
        assertThat(editing.update(ada, null, "same-ada").name()).isEqualTo("Ada");
        assertThat(TableScan.items(domain.table)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(guardOwner("same-ada")).isEqualTo(ada.userId());
    }

    @Test
    @DisplayName("case=two users racing for one username: exactly one gets it, the other a 409, and the guard names the winner")
    void racingClaims() throws Exception {
        for (int round = 0; round < 3; round++) {
            Principal ada = user("ada" + round + "@race.profile.test");
            Principal bob = user("bob" + round + "@race.profile.test");
            String wanted = "prize-" + round;
            List<Object> results = Race.run(() -> editing.update(ada, null, wanted), () -> editing.update(bob, null, wanted));
            assertThat(results.stream().filter(Account.class::isInstance)).hasSize(1);
            assertThat(results.stream().filter(DomainError.class::isInstance).map(r -> ((DomainError) r).code()))
                    .containsExactly(ErrorCode.CONFLICT);
            Account winner = (Account) results.stream().filter(Account.class::isInstance).findFirst().orElseThrow();
            assertThat(guardOwner(wanted)).isEqualTo(winner.id());
            String loser = winner.id().equals(ada.userId()) ? bob.userId() : ada.userId();
            assertThat(domain.profiles.profile(loser).username()).isNull();
            assertThat(TableScan.itemsOfType(domain.table, "username").stream()
                    .filter(i -> i.get("pk").s().equals("USERNAME#" + wanted))).hasSize(1);
        }
    }
}
