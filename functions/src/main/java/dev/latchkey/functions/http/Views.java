package dev.latchkey.functions.http;

import dev.latchkey.account.Account;
import dev.latchkey.application.Application;
import dev.latchkey.application.ApplicationView;
import dev.latchkey.application.Invitation;
import dev.latchkey.application.ManagingMembers;
import dev.latchkey.application.Member;
import dev.latchkey.application.Permission;
import dev.latchkey.application.ReceivedInvitation;
import dev.latchkey.application.Role;
import dev.latchkey.session.SignedIn;
import dev.latchkey.apikey.ApiKey;
import dev.latchkey.apikey.IssuedApiKey;
import dev.latchkey.auth.StartedSession;
import dev.latchkey.mfa.TotpEnrolment;
import dev.latchkey.session.Session;
import dev.latchkey.session.UserAgent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** JSON shapes of domain objects, as docs/openapi.yaml describes them. */
public final class Views {
    private Views() {
    }

    public static JsonObject profile(Account account) {
        return profile(account, 0);
    }

    public static JsonObject profile(Account account, int recoveryCodesLeft) {
        JsonObject node = new JsonObject();
        node.put("id", account.id());
        node.put("email", account.email());
        node.put("emailVerified", account.emailVerified());
        node.put("name", account.name());
        node.put("username", account.username());
        node.put("mfaEnabled", account.mfaEnabled());
        node.put("recoveryCodesLeft", recoveryCodesLeft);
        node.put("createdAt", account.createdAt().toString());
        return node;
    }

    public static JsonObject session(StartedSession started) {
        JsonObject node = new JsonObject();
        node.put("id", started.id());
        node.put("token", started.token());
        node.put("expiresAt", started.expiresAt().toString());
        return node;
    }

    public static JsonObject signedIn(SignedIn signedIn) {
        return signedIn(signedIn, 0);
    }

    public static JsonObject signedIn(SignedIn signedIn, int recoveryCodesLeft) {
        JsonObject node = new JsonObject();
        node.put("user", profile(signedIn.account(), recoveryCodesLeft));
        node.put("session", session(signedIn.session().started()));
        if (signedIn.deviceToken() != null) {
            node.put("deviceToken", signedIn.deviceToken());
        }
        return node;
    }

    public static JsonObject sessions(List<Session> sessions, String currentSessionId) {
        JsonObject node = new JsonObject();
        List<JsonObject> array = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            UserAgent agent = UserAgent.parse(s.userAgent());
            array.add(new JsonObject()
                    .put("id", s.id())
                    .put("createdAt", s.createdAt().toString())
                    .put("lastSeenAt", s.lastSeenAt().toString())
                    .put("expiresAt", s.expiresAt().toString())
                    .put("ip", s.ip())
                    .put("browser", agent.browser())
                    .put("os", agent.os())
                    .put("amr", s.amr())
                    .put("current", s.id().equals(currentSessionId)));
        }
        return node.put("sessions", array);
    }

    public static JsonObject apiKey(ApiKey key) {
        JsonObject node = new JsonObject();
        node.put("id", key.id());
        node.put("name", key.name());
        node.put("description", key.description());
        node.put("createdAt", key.createdAt().toString());
        node.put("lastUsedAt", iso(key.lastUsedAt()));
        node.put("expiresAt", iso(key.expiresAt()));
        return node;
    }

    /** The only view that carries the key itself: the answer to create and regenerate. */
    public static JsonObject issuedApiKey(IssuedApiKey issued) {
        JsonObject node = new JsonObject();
        node.put("id", issued.apiKey().id());
        node.put("name", issued.apiKey().name());
        node.put("description", issued.apiKey().description());
        node.put("key", issued.key());
        node.put("createdAt", issued.apiKey().createdAt().toString());
        node.put("expiresAt", iso(issued.apiKey().expiresAt()));
        return node;
    }

    public static JsonObject apiKeys(List<ApiKey> keys) {
        JsonObject node = new JsonObject();
        return node.put("apiKeys", keys.stream().map(Views::apiKey).toList());
    }

    /** Shown once: at enrolment, the secret for an authenticator app, as text, URI and QR code. */
    public static JsonObject totpEnrolment(TotpEnrolment enrolment) {
        return new JsonObject()
                .put("secret", enrolment.secret())
                .put("otpauthUri", enrolment.otpauthUri())
                .put("qrCodePng", enrolment.qrCodePng());
    }

    /** Shown once: when MFA is turned on and when the codes are replaced. */
    public static JsonObject recoveryCodes(List<String> codes) {
        return new JsonObject().put("recoveryCodes", codes);
    }

    /** An application as the caller sees it: with their role and what it permits. */
    public static JsonObject application(ApplicationView view) {
        Application a = view.application();
        return new JsonObject()
                .put("id", a.id())
                .put("name", a.name())
                .put("role", view.role().wireName())
                .put("permissions", view.permissions().stream().map(Permission::wireName).toList())
                .put("mfaRequiredRoles", roles(a.mfaRequiredRoles()))
                .put("blockedByMfa", view.blockedByMfa())
                .put("memberCount", a.memberCount())
                .put("createdAt", a.createdAt().toString());
    }

    public static JsonObject applications(List<ApplicationView> views) {
        return new JsonObject().put("applications", views.stream().map(Views::application).toList());
    }

    public static JsonObject member(Member m) {
        return new JsonObject()
                .put("userId", m.userId())
                .put("username", m.username())
                .put("name", m.name())
                .put("email", m.email())
                .put("role", m.role().wireName())
                .put("mfaEnabled", m.mfaEnabled())
                .put("joinedAt", m.joinedAt().toString());
    }

    /** The members; with a preview, the roles considered and the members that requirement would block. */
    public static JsonObject members(ManagingMembers.MemberList list) {
        JsonObject node = new JsonObject().put("members", list.members().stream().map(Views::member).toList());
        if (list.previewRoles() != null) {
            node.put("mfaPreview", new JsonObject()
                    .put("mfaRequiredRoles", roles(list.previewRoles()))
                    .put("wouldBeBlocked", list.wouldBeBlocked()));
        }
        return node;
    }

    /** The owner's view of an invitation: whom it is for and whether it still works (never the token). */
    public static JsonObject invitation(Invitation i, Instant now) {
        return new JsonObject()
                .put("id", i.id())
                .put("email", i.email())
                .put("username", i.username())
                .put("role", i.role().wireName())
                .put("status", i.expiredAt(now) ? "expired" : "pending")
                .put("createdAt", i.createdAt().toString())
                .put("expiresAt", i.validUntil().toString());
    }

    public static JsonObject invitations(List<Invitation> invitations, Instant now) {
        return new JsonObject().put("invitations", invitations.stream().map(i -> invitation(i, now)).toList());
    }

    /** The invitee's view: which application, which role, from whom. */
    public static JsonObject receivedInvitations(List<ReceivedInvitation> received) {
        return new JsonObject().put("invitations", received.stream().map(r -> new JsonObject()
                .put("id", r.invitation().id())
                .put("applicationId", r.invitation().applicationId())
                .put("applicationName", r.applicationName())
                .put("role", r.invitation().role().wireName())
                .put("invitedBy", r.invitedByName())
                .put("createdAt", r.invitation().createdAt().toString())
                .put("expiresAt", r.invitation().validUntil().toString())).toList());
    }

    private static List<String> roles(java.util.Set<Role> roles) {
        return java.util.EnumSet.copyOf(roles.isEmpty() ? java.util.EnumSet.noneOf(Role.class) : roles).stream().map(Role::wireName).toList();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
