package dev.latchkey.functions.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.account.Account;
import dev.latchkey.account.SignedIn;
import dev.latchkey.session.IssuedSession;

/** JSON shapes of domain objects, as docs/openapi.yaml describes them. */
public final class Views {
    private Views() {
    }

    public static ObjectNode profile(Account account) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", account.id());
        node.put("email", account.email());
        node.put("emailVerified", account.emailVerified());
        node.put("name", account.name());
        node.put("username", account.username());
        node.put("mfaEnabled", account.mfaEnabled());
        node.put("createdAt", account.createdAt().toString());
        return node;
    }

    public static ObjectNode session(IssuedSession issued) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", issued.session().id());
        node.put("token", issued.token());
        node.put("expiresAt", issued.session().expiresAt().toString());
        return node;
    }

    public static ObjectNode signedIn(SignedIn signedIn) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("user", profile(signedIn.account()));
        node.set("session", session(signedIn.session()));
        return node;
    }
}
