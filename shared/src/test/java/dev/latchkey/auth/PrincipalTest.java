package dev.latchkey.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    /** A stored credential as a resolver hands it on: a record whose printout would carry a token's hash. */
    private record Stored(String tokenHash) implements Principal.Credential {
    }

    @Test
    @DisplayName("case=the credential authentication read is handed on, but takes no part in equality and is never printed")
    void readCredentialIsNeitherComparedNorPrinted() {
        Instant at = Instant.now();
        String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        Principal read = new Principal("u1", Principal.CredentialType.SESSION, "s1", at, true, new Stored(hash));
        Principal fromContext = new Principal("u1", Principal.CredentialType.SESSION, "s1", at, true);

        assertThat(read.read()).isEqualTo(new Stored(hash));
        assertThat(fromContext.read()).isNull();
        assertThat(read).isEqualTo(fromContext).hasSameHashCodeAs(fromContext);
        assertThat(read.toString()).isEqualTo(fromContext.toString()).doesNotContain(hash).contains("u1", "s1");
        assertThat(read).isNotEqualTo(new Principal("u1", Principal.CredentialType.SESSION, "s2", at, true));
    }
}
