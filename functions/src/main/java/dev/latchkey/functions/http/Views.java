package dev.latchkey.functions.http;

import dev.latchkey.account.Account;
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

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
