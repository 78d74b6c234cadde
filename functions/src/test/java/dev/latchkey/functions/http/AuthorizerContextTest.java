package dev.latchkey.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.auth.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthorizerContextTest {

    @Test
    @DisplayName("case=a session and an API key survive the trip through the context")
    void roundTrip() {
        Principal session = new Principal("usr_1", Principal.CredentialType.SESSION, "ses_1", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Principal key = new Principal("usr_2", Principal.CredentialType.API_KEY, "key_2");
        assertThat(AuthorizerContext.read(AuthorizerContext.write(session))).contains(session);
        assertThat(AuthorizerContext.read(AuthorizerContext.write(key))).contains(key);
        assertThat(AuthorizerContext.write(key)).isEqualTo(Map.of("userId", "usr_2", "credentialType", "api_key", "apiKeyId", "key_2",
                "mfa", false));
        Principal secondFactor = new Principal("usr_3", Principal.CredentialType.SESSION, "ses_3", Instant.now().truncatedTo(ChronoUnit.MILLIS), true);
        assertThat(AuthorizerContext.write(secondFactor)).containsEntry("mfa", true);
        assertThat(AuthorizerContext.read(AuthorizerContext.write(secondFactor))).contains(secondFactor);
    }

    @Test
    @DisplayName("case=a missing, partial or malformed context names nobody")
    void malformed() {
        assertThat(AuthorizerContext.read(null)).isEmpty();
        Map<String, Object> context = new HashMap<>(AuthorizerContext.write(
                new Principal("usr_1", Principal.CredentialType.SESSION, "ses_1", Instant.now())));
        for (String key : new String[] {"userId", "credentialType", "sessionId"}) {
            Map<String, Object> partial = new HashMap<>(context);
            partial.remove(key);
            assertThat(AuthorizerContext.read(partial)).as("without %s", key).isEmpty();
        }
        Map<String, Object> badTime = new HashMap<>(context);
        badTime.put("signedInAt", "yesterday");
        assertThat(AuthorizerContext.read(badTime)).isEmpty();
        Map<String, Object> badType = new HashMap<>(context);
        badType.put("credentialType", "root");
        assertThat(AuthorizerContext.read(badType)).isEmpty();
    }
}
