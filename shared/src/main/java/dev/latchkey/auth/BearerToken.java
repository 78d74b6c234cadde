package dev.latchkey.auth;

import dev.latchkey.crypto.Randomness;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Opaque bearer tokens: {@code prefix + 32 random base62 chars + 6-char base62 CRC32 checksum}.
 * The checksum lets the authorizer refuse typos and garbage before any database read; it adds
 * no secrecy. 32 base62 characters carry 190 bits of entropy.
 */
public final class BearerToken {
    public static final String SESSION_PREFIX = "lk_s_";
    public static final String API_KEY_PREFIX = "lk_k_";
    static final int RANDOM_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private BearerToken() {
    }

    public static String issue(String prefix, Randomness randomness) {
        String body = prefix + randomness.base62(RANDOM_LENGTH);
        return body + checksum(body);
    }

    /** The token's kind (its prefix) when it is well formed and its checksum matches. */
    public static Optional<String> verify(String token) {
        if (token == null || token.length() != SESSION_PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH) {
            return Optional.empty();
        }
        String prefix = token.substring(0, SESSION_PREFIX.length());
        if (!prefix.equals(SESSION_PREFIX) && !prefix.equals(API_KEY_PREFIX)) {
            return Optional.empty();
        }
        for (int i = prefix.length(); i < token.length(); i++) {
            if (BASE62.indexOf(token.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        int split = token.length() - CHECKSUM_LENGTH;
        return checksum(token.substring(0, split)).equals(token.substring(split)) ? Optional.of(prefix) : Optional.empty();
    }

    /** The token of an {@code Authorization: Bearer <token>} header value, unchecked; empty when it has no bearer token. */
    public static Optional<String> fromAuthorizationHeader(String header) {
        String bearer = "Bearer ";
        if (header == null || header.length() <= bearer.length() || !header.regionMatches(true, 0, bearer, 0, bearer.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(bearer.length()).strip());
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
