package dev.latchkey.cleanup;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.application.Application;
import dev.latchkey.application.ApplicationStore;
import dev.latchkey.application.Membership;
import dev.latchkey.application.Role;
import dev.latchkey.auth.UserData;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.mail.Mailer;
import dev.latchkey.store.Forgetting;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * After a profile's REMOVE on the table's stream: the members of the applications the user owned are told those
 * applications are gone, every feature forgets what it keeps of the user (the {@link UserData} set: sessions and
 * their pointers, API keys and name guards, the TOTP secret and recovery codes, pending links, limit counters,
 * memberships, invitations, owned applications whole), and the old address gets a goodbye. The user's partition is
 * read once ({@link Forgetting}) and every feature finds its items there; the rest each reaches from the user's keys
 * (no scans). Every step finds only what is still there, so a retry after a failure halfway finishes the job. Nothing
 * lasting of the user can be written after the profile's deletion, which triggers this: a session, an API key, an
 * application or a membership is made only in a transaction that checks the profile exists. Mail is at least once: a retried
 * record may mail again.
 */
@Singleton
public final class CleaningUp {
    private final List<UserData> data;
    private final LatchkeyTable table;
    private final ApplicationStore applications;
    private final AccountStore accounts;
    private final Mailer mailer;
    private final MailTemplates templates;

    @Inject
    public CleaningUp(Set<UserData> data, LatchkeyTable table, ApplicationStore applications, AccountStore accounts, Mailer mailer,
                      MailTemplates templates) {
        this.data = List.copyOf(data);
        this.table = table;
        this.applications = applications;
        this.accounts = accounts;
        this.mailer = mailer;
        this.templates = templates;
    }

    /** A deleted user as the profile's old image shows them. */
    public record DeletedUser(String userId, String email, String normalizedEmail, String username) {

        @Override
        public String toString() {
            return "DeletedUser[" + userId + "]";
        }
    }

    /** Deletes everything of the user; returns how many items the features found and deleted ({@link UserData#forget}). */
    public int cleanUp(DeletedUser user) {
        // the memberships are listed twice (the mail, then the applications' forget): one GSI1 query answers both
        int forgotten = table.indexedTogether(Keys.userPartition(user.userId()), () -> {
            tellMembers(user.userId());
            UserData.UserRef ref = new UserData.UserRef(user.userId(), user.normalizedEmail(), user.username());
            Forgetting forgetting = Forgetting.of(table, user.userId());
            int count = 0;
            for (UserData feature : data) {
                count += feature.forget(ref, forgetting);
            }
            forgetting.flush();
            return count;
        });
        Optional.ofNullable(user.email()).ifPresent(email -> mailer.send(templates.accountDeleted(email)));
        return forgotten;
    }

    /** The other members of each application the user owned hear it is gone: their profiles in one read for all of them. */
    private void tellMembers(String ownerId) {
        Map<Application, List<String>> others = new LinkedHashMap<>();
        for (Membership membership : applications.membershipsOf(ownerId)) {
            if (membership.role() == Role.OWNER) {
                // not one transferred meanwhile (GSI1, eventually consistent, may still show the user as its owner)
                applications.withMembers(membership.applicationId()).filter(w -> w.application().ownerId().equals(ownerId))
                        .ifPresent(w -> others.put(w.application(), w.members().stream()
                        .map(Membership::userId).filter(id -> !id.equals(ownerId)).toList()));
            }
        }
        Map<String, Account> members = new HashMap<>();
        for (Account member : accounts.findByIds(others.values().stream().flatMap(List::stream).toList())) {
            members.put(member.id(), member);
        }
        others.forEach((application, ids) -> ids.stream().map(members::get).filter(Objects::nonNull)
                .forEach(member -> mailer.send(templates.applicationDeleted(member.email(), application.name()))));
    }
}
