package dev.latchkey.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port for applications, their members and invitations (docs/data-model.md: the APP# partition). */
public interface ApplicationStore {

    /** The application, its owner's membership and the owner's count of owned applications, in one transaction; false when the owner already owns {@code maxOwned}. */
    boolean create(Application application, Membership owner, int maxOwned);

    /** The application and the user's membership in it, read together strongly consistently; empty when either is missing. */
    Optional<Access> access(String applicationId, String userId);

    /** Strongly consistent. */
    Optional<Application> find(String applicationId);

    /** The applications of these ids that exist (any order). */
    List<Application> findAll(Collection<String> applicationIds);

    /** The user's memberships, from the index (eventually consistent). */
    List<Membership> membershipsOf(String userId);

    /** The application's members, strongly consistent. */
    List<Membership> members(String applicationId);

    /** The application and its members from one strongly consistent read of everything under it; empty when it is gone. */
    Optional<WithMembers> withMembers(String applicationId);

    /** An application and its members, read together. */
    record WithMembers(Application application, List<Membership> members) {
    }

    Optional<Membership> membership(String applicationId, String userId);

    /** Renames and/or sets the MFA requirement (null leaves a part as it is); false when the application is gone. */
    boolean update(String applicationId, String name, Set<Role> mfaRequiredRoles);

    /** Changes a member's role unless they are the owner (or gone); false otherwise. */
    boolean changeRole(String applicationId, String userId, Role role);

    /** Removes a member who is not the owner and decrements the count; false when gone or the owner. */
    boolean removeMember(String applicationId, String userId);

    /**
     * Makes {@code toUserId} (a member, not the owner) the owner and {@code fromUserId} (the owner) a developer, moving
     * one owned application between their counts, in one transaction. False when any condition failed: the
     * roles changed meanwhile, or the new owner already owns {@code maxOwned}.
     */
    TransferResult transfer(String applicationId, String fromUserId, String toUserId, int maxOwned);

    enum TransferResult { DONE, CHANGED_MEANWHILE, NEW_OWNER_AT_LIMIT }

    /** Deletes the application and everything under it (members, invitations and their tokens); the owner's count goes down. */
    void delete(Application application);

    /** Stores the invitation and its token pointer; {@code false} when a pending invitation for the same invitee exists. An expired one is replaced. */
    boolean invite(Invitation invitation, Instant now);

    /** The application's invitations, pending and expired, strongly consistent. */
    List<Invitation> invitations(String applicationId);

    Optional<Invitation> invitation(String applicationId, String invitationId);

    Optional<Invitation> invitationByToken(String tokenHash);

    /** Invitations bound to any of these invitee keys, from the index. */
    List<Invitation> invitationsFor(Collection<String> inviteeKeys);

    /** A new token and validity; the old token's pointer goes in the same transaction. False when the invitation changed meanwhile. */
    boolean replaceToken(Invitation invitation, String newTokenHash, Instant newValidUntil);

    /** Deletes the invitation (and its token pointer) while it still has the token it was read with. */
    boolean deleteInvitation(Invitation invitation);

    /**
     * Turns the invitation into a membership in one transaction: the invitation and its pointer go (on condition
     * that they still carry the token read), the membership is made (on condition there is none), the count
     * goes up (on condition it is below {@code maxMembers}).
     */
    AcceptResult accept(Invitation invitation, Membership membership, int maxMembers);

    enum AcceptResult { ACCEPTED, INVITATION_GONE, ALREADY_MEMBER, FULL }

    record Access(Application application, Membership membership) {
    }
}
