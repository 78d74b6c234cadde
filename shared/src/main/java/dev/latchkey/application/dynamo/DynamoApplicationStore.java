package dev.latchkey.application.dynamo;

import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.application.Application;
import dev.latchkey.application.ApplicationStore;
import dev.latchkey.application.Invitation;
import dev.latchkey.application.Membership;
import dev.latchkey.application.Role;
import dev.latchkey.auth.UserData;
import dev.latchkey.config.Config;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.store.Forgetting;
import dev.latchkey.store.Key;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Applications in their own partition ({@code APP#{appId}}): the application ({@code APP}), one item per member
 * ({@code MEMBER#{userId}}, in GSI1 under {@code USER#{userId}} so a user's applications are one query) and one per
 * invitation ({@code INVITATION#{id}}, in GSI1 under {@code INVITEE#{email:…|user:…}}); a pointer from each
 * invitation token's SHA-256 ({@code INVITETOKEN#{hash}}) and a per-user count of owned applications
 * ({@code USER#{userId} / OWNEDAPPS}). Low-level client: counters need {@code ADD}, and it is what a
 * function's cold start pays least for. Every multi-item change is one transaction with conditions.
 */
@Singleton
public final class DynamoApplicationStore implements ApplicationStore, UserData {
    private static final String APP = "APP";
    private static final String MEMBER = "MEMBER#";
    private static final String INVITATION = "INVITATION#";
    private static final String OWNED = "OWNEDAPPS";
    private static final String GSI1 = "GSI1";
    /** How long an expired invitation stays listed for its owner before TTL removes it. */
    private static final long EXPIRED_KEPT_SECONDS = 30L * 24 * 3600;

    private final DynamoDbClient dynamo;
    private final LatchkeyTable items;
    private final String table;

    @Inject
    public DynamoApplicationStore(DynamoDbClient dynamo, LatchkeyTable items, Config config) {
        this.dynamo = dynamo;
        this.items = items;
        this.table = config.tableName();
    }

    // --- applications and members -------------------------------------------------------------------

    @Override
    public boolean create(Application application, Membership owner, int maxOwned) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    ownedCountChange(application.ownerId(), 1, maxOwned),
                    put(applicationItem(application), "attribute_not_exists(pk)", Map.of()),
                    put(memberItem(owner), null, Map.of()),
                    profileExists(application.ownerId())));
            return true;
        } catch (TransactionCanceledException e) {
            if (failed(e, 3)) {
                throw accountGone();
            }
            if (failed(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Access> access(String applicationId, String userId) {
        Map<String, AttributeValue> appKey = key(appPk(applicationId), APP);
        Map<String, AttributeValue> memberKey = key(appPk(applicationId), MEMBER + userId);
        List<Map<String, AttributeValue>> items = batchGet(List.of(appKey, memberKey), true);
        Map<String, AttributeValue> app = null;
        Map<String, AttributeValue> member = null;
        for (Map<String, AttributeValue> item : items) {
            if (APP.equals(item.get("sk").s())) {
                app = item;
            } else {
                member = item;
            }
        }
        return app == null || member == null ? Optional.empty() : Optional.of(new Access(application(app), membership(member)));
    }

    @Override
    public Optional<Application> find(String applicationId) {
        return get(key(appPk(applicationId), APP)).map(DynamoApplicationStore::application);
    }

    @Override
    public List<Application> findAll(Collection<String> applicationIds) {
        List<Map<String, AttributeValue>> keys = applicationIds.stream().distinct().map(id -> key(appPk(id), APP)).toList();
        return batchGet(keys, false).stream().map(DynamoApplicationStore::application).toList();
    }

    @Override
    public List<Membership> membershipsOf(String userId) {
        // through the table, so a use case listing several of the user's lists reads the user's index partition once
        return items.indexed(Keys.userPartition(userId), MEMBER, false).stream()
                .map(item -> new Membership(item.str("applicationId"), item.str("userId"), Role.stored(item.str("role")),
                        Times.parse(item.str("joinedAt")))).toList();
    }

    @Override
    public List<Membership> members(String applicationId) {
        return under(appPk(applicationId), MEMBER).stream().map(DynamoApplicationStore::membership).toList();
    }

    @Override
    public Optional<WithMembers> withMembers(String applicationId) {
        Application application = null;
        List<Membership> members = new ArrayList<>();
        for (Map<String, AttributeValue> item : under(appPk(applicationId), "")) {
            String sk = item.get("sk").s();
            if (APP.equals(sk)) {
                application = application(item);
            } else if (sk.startsWith(MEMBER)) {
                members.add(membership(item));
            }
        }
        return application == null ? Optional.empty() : Optional.of(new WithMembers(application, List.copyOf(members)));
    }

    @Override
    public Optional<Membership> membership(String applicationId, String userId) {
        return get(key(appPk(applicationId), MEMBER + userId)).map(DynamoApplicationStore::membership);
    }

    @Override
    public boolean update(String applicationId, String name, Set<Role> mfaRequiredRoles) {
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        if (name != null) {
            set.add("#name = :name");
            names.put("#name", "name");
            values.put(":name", s(name));
        }
        if (mfaRequiredRoles != null) {
            if (mfaRequiredRoles.isEmpty()) {
                remove.add("mfaRequiredRoles");
            } else {
                set.add("mfaRequiredRoles = :roles");
                values.put(":roles", s(roles(mfaRequiredRoles)));
            }
        }
        String expression = (set.isEmpty() ? "" : "SET " + String.join(", ", set)) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(appPk(applicationId), APP))
                    .updateExpression(expression.strip())
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(values.isEmpty() ? null : values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    @Override
    public boolean changeRole(String applicationId, String userId, Role role) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(appPk(applicationId), MEMBER + userId))
                    .updateExpression("SET #role = :role")
                    .conditionExpression("attribute_exists(pk) AND #role <> :owner")
                    .expressionAttributeNames(Map.of("#role", "role"))
                    .expressionAttributeValues(Map.of(":role", s(role.wireName()), ":owner", s(Role.OWNER.wireName())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException goneOrOwner) {
            return false;
        }
    }

    @Override
    public boolean removeMember(String applicationId, String userId) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    delete(key(appPk(applicationId), MEMBER + userId), "attribute_exists(pk) AND #role <> :owner",
                            Map.of("#role", "role"), Map.of(":owner", s(Role.OWNER.wireName()))),
                    update(key(appPk(applicationId), APP), "ADD memberCount :minus", "attribute_exists(pk)",
                            Map.of(), Map.of(":minus", n(-1)))));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public TransferResult transfer(String applicationId, String fromUserId, String toUserId, int maxOwned) {
        Map<String, String> roleName = Map.of("#role", "role");
        AttributeValue owner = s(Role.OWNER.wireName());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    update(key(appPk(applicationId), MEMBER + fromUserId), "SET #role = :developer", "#role = :owner",
                            roleName, Map.of(":developer", s(Role.DEVELOPER.wireName()), ":owner", owner)),
                    update(key(appPk(applicationId), MEMBER + toUserId), "SET #role = :owner", "attribute_exists(pk) AND #role <> :owner",
                            roleName, Map.of(":owner", owner)),
                    update(key(appPk(applicationId), APP), "SET ownerId = :to", "ownerId = :from",
                            Map.of(), Map.of(":to", s(toUserId), ":from", s(fromUserId))),
                    ownedCountChange(fromUserId, -1, 0),
                    ownedCountChange(toUserId, 1, maxOwned),
                    profileExists(toUserId))); // a member who deleted their account a moment ago, before their clean-up
            return TransferResult.DONE;
        } catch (TransactionCanceledException e) {
            return failed(e, 4) && !failed(e, 0) && !failed(e, 1) && !failed(e, 2) && !failed(e, 5) ? TransferResult.NEW_OWNER_AT_LIMIT : TransferResult.CHANGED_MEANWHILE;
        }
    }

    @Override
    public void delete(Application application) {
        deleteOwned(application.id(), application.ownerId());
        // unprocessed deletes are resent a few times with backoff, then it throws (500): a retried DELETE finds the
        // application gone (404), so what is left hangs under an application that no longer exists, which no listing
        // shows (each reads the application item) and each member's own account clean-up deletes
        items.deleteAll(underIt(application.id()));
    }

    /**
     * The application item with its owner's count, in one transaction, on condition {@code ownerId} still owns it:
     * true when deleted, false when it was gone already (a racing request, a retry: the caller finishes what hung under
     * it); a conflict when it has another owner by now (not this caller's to delete any more).
     */
    private boolean deleteOwned(String applicationId, String ownerId) {
        return switch (deleteIfOwned(applicationId, ownerId)) {
            case DELETED -> true;
            case GONE -> false;
            case BY_ANOTHER -> throw DomainError.conflict(null,
                    "the application's owner changed meanwhile; nothing was deleted");
        };
    }

    /** What {@link #deleteIfOwned} found. */
    private enum Owned { DELETED, GONE, BY_ANOTHER }

    private Owned deleteIfOwned(String applicationId, String ownerId) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    delete(key(appPk(applicationId), APP), "ownerId = :owner", Map.of(), Map.of(":owner", s(ownerId))),
                    ownedCountChange(ownerId, -1, 0)));
            return Owned.DELETED;
        } catch (TransactionCanceledException goneOrTransferred) {
            return find(applicationId).isPresent() ? Owned.BY_ANOTHER : Owned.GONE;
        }
    }

    /**
     * The keys of what hangs under an application (members, invitations and their token pointers; the application item
     * too while it is there): deleted unconditionally, so a retry (or the account clean-up) finishes a partial run.
     */
    private List<Key> underIt(String applicationId) {
        List<Key> doomed = new ArrayList<>();
        for (Map<String, AttributeValue> item : under(appPk(applicationId), "")) {
            doomed.add(Keys.key(item.get("pk").s(), item.get("sk").s()));
            if (item.containsKey("tokenHash")) {
                Map<String, AttributeValue> token = tokenKey(item.get("tokenHash").s());
                doomed.add(Keys.key(token.get("pk").s(), token.get("sk").s()));
            }
        }
        return doomed;
    }

    // --- invitations --------------------------------------------------------------------------------

    @Override
    public boolean invite(Invitation invitation, Instant now) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    put(invitationItem(invitation), "attribute_not_exists(pk) OR validUntil <= :now",
                            Map.of(":now", n(now.getEpochSecond()))),
                    put(tokenItem(invitation), null, Map.of())));
            return true;
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Invitation> invitations(String applicationId) {
        return under(appPk(applicationId), INVITATION).stream().map(DynamoApplicationStore::invitation).toList();
    }

    @Override
    public Optional<Invitation> invitation(String applicationId, String invitationId) {
        return get(key(appPk(applicationId), INVITATION + invitationId)).map(DynamoApplicationStore::invitation);
    }

    @Override
    public Optional<Invitation> invitationByToken(String tokenHash) {
        return get(tokenKey(tokenHash))
                .flatMap(pointer -> invitation(pointer.get("applicationId").s(), pointer.get("invitationId").s()))
                .filter(i -> i.tokenHash().equals(tokenHash));
    }

    @Override
    public List<Invitation> invitationsFor(Collection<String> inviteeKeys) {
        List<Invitation> found = new ArrayList<>();
        for (String inviteeKey : inviteeKeys) {
            query(QueryRequest.builder().tableName(table).indexName(GSI1)
                    .keyConditionExpression("gsi1pk = :pk AND begins_with(gsi1sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s("INVITEE#" + inviteeKey), ":prefix", s(INVITATION))))
                    .stream().map(DynamoApplicationStore::invitation).forEach(found::add);
        }
        return found;
    }

    @Override
    public boolean replaceToken(Invitation invitation, String newTokenHash, Instant newValidUntil) {
        Invitation renewed = invitation.withToken(newTokenHash, newValidUntil);
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    update(invitationKey(invitation), "SET tokenHash = :new, validUntil = :until, expiresAt = :expires",
                            "tokenHash = :old", Map.of(), Map.of(":new", s(newTokenHash), ":old", s(invitation.tokenHash()),
                                    ":until", n(newValidUntil.getEpochSecond()),
                                    ":expires", n(newValidUntil.getEpochSecond() + EXPIRED_KEPT_SECONDS))),
                    delete(tokenKey(invitation.tokenHash()), null, Map.of(), Map.of()),
                    put(tokenItem(renewed), null, Map.of())));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean deleteInvitation(Invitation invitation) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    delete(invitationKey(invitation), "tokenHash = :hash", Map.of(), Map.of(":hash", s(invitation.tokenHash()))),
                    delete(tokenKey(invitation.tokenHash()), null, Map.of(), Map.of())));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public AcceptResult accept(Invitation invitation, Membership membership, int maxMembers) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    delete(invitationKey(invitation), "tokenHash = :hash", Map.of(), Map.of(":hash", s(invitation.tokenHash()))),
                    delete(tokenKey(invitation.tokenHash()), null, Map.of(), Map.of()),
                    put(memberItem(membership), "attribute_not_exists(pk)", Map.of()),
                    update(key(appPk(membership.applicationId()), APP), "ADD memberCount :one",
                            "attribute_exists(pk) AND memberCount < :max", Map.of(), Map.of(":one", n(1), ":max", n(maxMembers))),
                    profileExists(membership.userId())));
            return AcceptResult.ACCEPTED;
        } catch (TransactionCanceledException e) {
            if (failed(e, 4)) {
                throw accountGone();
            }
            if (failed(e, 2)) {
                return AcceptResult.ALREADY_MEMBER;
            }
            if (failed(e, 0)) {
                return AcceptResult.INVITATION_GONE;
            }
            if (failed(e, 3)) {
                return find(membership.applicationId()).isPresent() ? AcceptResult.FULL : AcceptResult.INVITATION_GONE;
            }
            // a racing transaction on the same items (TransactionConflict): decided by what is there now
            return membership(membership.applicationId(), membership.userId()).isPresent()
                    ? AcceptResult.ALREADY_MEMBER : AcceptResult.INVITATION_GONE;
        }
    }

    // --- what a deleted user leaves (the account clean-up walks this) ---------------------------------

    @Override
    public String name() {
        return "applications, memberships and invitations";
    }

    /**
     * Owned applications go whole (the application in its transaction, what hung under it queued with the clean-up's
     * other deletes, also when a run that died halfway left the application gone and its members there); other
     * memberships are left; invitations addressed to the user or their address go; the owned-applications count goes
     * (found in the partition's read, or written again by an application's deletion here). Idempotent: each step finds
     * only what is still there.
     */
    @Override
    public int forget(UserRef user, Forgetting forgetting) {
        int deleted = 0;
        boolean ownedCountTouched = !forgetting.under(OWNED).isEmpty();
        for (Membership membership : membershipsOf(user.userId())) {
            if (membership.role() == Role.OWNER) {
                Owned owned = deleteIfOwned(membership.applicationId(), user.userId());
                if (owned == Owned.BY_ANOTHER) {
                    // GSI1 is eventually consistent: an OWNER membership read there may be of an application transferred
                    // a moment ago, which the user now only belongs to; so a member's leaving
                    deleted += leave(user.userId(), membership.applicationId());
                    continue;
                }
                if (owned == Owned.DELETED) {
                    deleted++;
                    ownedCountTouched = true; // its transaction decrements the count, writing the item
                }
                // gone already or just now: what hangs under it (the owner's member item too); no transaction bound to
                // fail on the absent application
                for (Key key : underIt(membership.applicationId())) {
                    forgetting.delete(key);
                    deleted++;
                }
                continue;
            }
            deleted += leave(user.userId(), membership.applicationId());
        }
        List<String> inviteeKeys = new ArrayList<>(List.of(Invitation.USER + user.userId()));
        if (user.normalizedEmail() != null) {
            inviteeKeys.add(Invitation.EMAIL + user.normalizedEmail());
        }
        for (Invitation invitation : invitationsFor(inviteeKeys)) {
            if (deleteInvitation(invitation)) {
                deleted++;
            }
        }
        if (ownedCountTouched) {
            // queued: sent after this, so after the deletions above that wrote it
            forgetting.delete(Keys.key(Keys.userPartition(user.userId()), OWNED));
        }
        return deleted + (forgetting.under(OWNED).isEmpty() ? 0 : 1);
    }

    /** The member item with the application's count, in one transaction; just the member item if the application is gone. */
    private int leave(String userId, String applicationId) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    delete(key(appPk(applicationId), MEMBER + userId), "attribute_exists(pk)", Map.of(), Map.of()),
                    update(key(appPk(applicationId), APP), "ADD memberCount :minus", "attribute_exists(pk)",
                            Map.of(), Map.of(":minus", n(-1)))));
            return 1;
        } catch (TransactionCanceledException appOrMemberGone) {
            return deleteIfThere(key(appPk(applicationId), MEMBER + userId));
        }
    }

    // --- items ---------------------------------------------------------------------------------------

    private static String appPk(String applicationId) {
        return "APP#" + applicationId;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static Map<String, AttributeValue> tokenKey(String tokenHash) {
        return key("INVITETOKEN#" + tokenHash, "INVITETOKEN");
    }

    private static Map<String, AttributeValue> invitationKey(Invitation invitation) {
        return key(appPk(invitation.applicationId()), INVITATION + invitation.id());
    }

    private static Map<String, AttributeValue> applicationItem(Application a) {
        Map<String, AttributeValue> item = new HashMap<>(key(appPk(a.id()), APP));
        item.put("type", s("application"));
        item.put("id", s(a.id()));
        item.put("name", s(a.name()));
        item.put("ownerId", s(a.ownerId()));
        item.put("memberCount", n(a.memberCount()));
        item.put("createdAt", s(Times.format(a.createdAt())));
        if (!a.mfaRequiredRoles().isEmpty()) {
            item.put("mfaRequiredRoles", s(roles(a.mfaRequiredRoles())));
        }
        return item;
    }

    private static Application application(Map<String, AttributeValue> item) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        AttributeValue stored = item.get("mfaRequiredRoles");
        if (stored != null) {
            for (String role : stored.s().split(" ")) {
                roles.add(Role.stored(role));
            }
        }
        return new Application(item.get("id").s(), item.get("name").s(), item.get("ownerId").s(), roles,
                Integer.parseInt(item.get("memberCount").n()), Times.parse(item.get("createdAt").s()));
    }

    private static Map<String, AttributeValue> memberItem(Membership m) {
        Map<String, AttributeValue> item = new HashMap<>(key(appPk(m.applicationId()), MEMBER + m.userId()));
        item.put("type", s("member"));
        item.put("gsi1pk", s(Keys.userPartition(m.userId())));
        item.put("gsi1sk", s(MEMBER + m.applicationId()));
        item.put("applicationId", s(m.applicationId()));
        item.put("userId", s(m.userId()));
        item.put("role", s(m.role().wireName()));
        item.put("joinedAt", s(Times.format(m.joinedAt())));
        return item;
    }

    private static Membership membership(Map<String, AttributeValue> item) {
        return new Membership(item.get("applicationId").s(), item.get("userId").s(), Role.stored(item.get("role").s()),
                Times.parse(item.get("joinedAt").s()));
    }

    private static Map<String, AttributeValue> invitationItem(Invitation i) {
        Map<String, AttributeValue> item = new HashMap<>(invitationKey(i));
        item.put("type", s("invitation"));
        if (!i.inviteeKey().startsWith(Invitation.UNKNOWN_USERNAME)) { // nobody can accept those: nobody lists them
            item.put("gsi1pk", s("INVITEE#" + i.inviteeKey()));
            item.put("gsi1sk", s(INVITATION + Times.format(i.createdAt()) + "#" + i.applicationId()));
        }
        item.put("id", s(i.id()));
        item.put("applicationId", s(i.applicationId()));
        item.put("inviteeKey", s(i.inviteeKey()));
        if (i.email() != null) {
            item.put("email", s(i.email()));
        }
        if (i.username() != null) {
            item.put("username", s(i.username()));
        }
        item.put("role", s(i.role().wireName()));
        item.put("createdAt", s(Times.format(i.createdAt())));
        item.put("validUntil", n(i.validUntil().getEpochSecond()));
        item.put("expiresAt", n(i.validUntil().getEpochSecond() + EXPIRED_KEPT_SECONDS));
        item.put("tokenHash", s(i.tokenHash()));
        return item;
    }

    private static Invitation invitation(Map<String, AttributeValue> item) {
        return new Invitation(item.get("id").s(), item.get("applicationId").s(), item.get("inviteeKey").s(),
                item.containsKey("email") ? item.get("email").s() : null,
                item.containsKey("username") ? item.get("username").s() : null,
                Role.stored(item.get("role").s()), Times.parse(item.get("createdAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get("validUntil").n())), item.get("tokenHash").s());
    }

    private static Map<String, AttributeValue> tokenItem(Invitation i) {
        Map<String, AttributeValue> item = new HashMap<>(tokenKey(i.tokenHash()));
        item.put("type", s("invitation_token"));
        item.put("applicationId", s(i.applicationId()));
        item.put("invitationId", s(i.id()));
        item.put("expiresAt", n(i.validUntil().getEpochSecond()));
        return item;
    }

    private static String roles(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Role::wireName).collect(Collectors.joining(" "));
    }

    // --- requests ------------------------------------------------------------------------------------

    /** Adds {@code delta} to the user's owned-applications count; when growing, only while below {@code max}. */
    private TransactWriteItem ownedCountChange(String userId, int delta, int max) {
        return delta > 0
                ? update(key(Keys.userPartition(userId), OWNED), "SET #type = :type ADD owned :delta",
                        "attribute_not_exists(owned) OR owned < :max", Map.of("#type", "type"),
                        Map.of(":type", s("owned_apps"), ":delta", n(delta), ":max", n(max)))
                : update(key(Keys.userPartition(userId), OWNED), "SET #type = :type ADD owned :delta", null,
                        Map.of("#type", "type"), Map.of(":type", s("owned_apps"), ":delta", n(delta)));
    }

    /**
     * The user's profile is there: a membership, an owned application or an owned count written for a user must not
     * outlive the account. Deleting it is the account deletion's first write, before its clean-up reads anything, so
     * a write racing the deletion either lands before it (and the clean-up, triggered by the
     * profile's removal, finds it, once GSI1 shows it) or fails here.
     */
    private TransactWriteItem profileExists(String userId) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(AccountItems.user(userId).attributes()).conditionExpression("attribute_exists(pk)").build()).build();
    }

    private static DomainError accountGone() {
        return DomainError.of(ErrorCode.UNAUTHENTICATED, "the account is gone");
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression(condition)
                .expressionAttributeValues(values.isEmpty() ? null : values).build()).build();
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key, String condition, Map<String, String> names,
                                     Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key).conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values.isEmpty() ? null : values).build()).build();
    }

    private TransactWriteItem update(Map<String, AttributeValue> key, String expression, String condition, Map<String, String> names,
                                     Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key).updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values.isEmpty() ? null : values).build()).build();
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private int deleteIfThere(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> old = dynamo.deleteItem(d -> d.tableName(table).key(key)
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).attributes();
        return old == null || old.isEmpty() ? 0 : 1;
    }

    /** Everything under {@code pk} whose sort key starts with {@code prefix}, strongly consistent, every page. */
    private List<Map<String, AttributeValue>> under(String pk, String prefix) {
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression(prefix.isEmpty() ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(prefix.isEmpty() ? Map.of(":pk", s(pk)) : Map.of(":pk", s(pk), ":prefix", s(prefix))));
    }

    private List<Map<String, AttributeValue>> query(QueryRequest.Builder request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(request.exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(consistent).build());
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
