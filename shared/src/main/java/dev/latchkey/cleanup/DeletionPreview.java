package dev.latchkey.cleanup;

import java.util.List;

/**
 * What deleting the account would remove: the applications the user owns (they go whole, with their members'
 * access: transfer ownership first to keep one), how many applications they only belong to, their API keys and
 * sessions, and whether two-factor authentication is on (then deleting needs a code).
 */
public record DeletionPreview(List<OwnedApplication> ownedApplications, int memberships, int apiKeys, int sessions, boolean mfaEnabled) {

    public record OwnedApplication(String id, String name, int memberCount) {
    }
}
