package dev.latchkey.mfa;

import dev.latchkey.crypto.Randomness;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time recovery codes for when the authenticator is lost: {@value #COUNT} at a time, each
 * {@value #LENGTH} characters of Crockford's base32 in lower case ({@value #ALPHABET}: no {@code i}, {@code l},
 * {@code o} or {@code u}), shown in groups of {@value #GROUP} joined by {@code -}, e.g.
 * {@code 7m2k-9xqd-a4ve-pj0t-hc8r-3nzw}. Each is {@value #LENGTH} × 5 = 120 random bits.
 *
 * <p>Stored only as a salted HMAC-SHA256. A fast hash is enough because a code is 120 random bits, not a
 * password: finding one from its hash takes about 2^119 HMACs, out of reach with or without stretching, and
 * ASVS 5.0 6.5.2 allows a standard hash from 112 bits on (hence 24 characters rather than 20). The salt keeps
 * equal codes apart in the table and rules out precomputation.
 */
public final class RecoveryCodes {
    public static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    public static final int COUNT = 10;
    public static final int LENGTH = 24;
    public static final int GROUP = 4;
    static final int SALT_BYTES = 16;

    private RecoveryCodes() {
    }

    /** {@value #COUNT} distinct new codes, in display form ({@code xxxx-xxxx-xxxx-xxxx-xxxx-xxxx}). */
    public static List<String> generate(Randomness random) {
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < COUNT) {
            // 24 characters × 5 bits = 15 bytes exactly: every bit of randomness is used, every character uniform
            String code = Base32.encode(random.bytes(LENGTH * 5 / 8), ALPHABET);
            StringBuilder display = new StringBuilder(LENGTH + LENGTH / GROUP - 1);
            for (int i = 0; i < LENGTH; i += GROUP) {
                if (i > 0) {
                    display.append('-');
                }
                display.append(code, i, i + GROUP);
            }
            codes.add(display.toString());
        }
        return List.copyOf(codes);
    }

    /**
     * The code as it is hashed: {@value #LENGTH} characters of {@link #ALPHABET}, without dashes or white space.
     * Upper case is read as lower case, and the letters that Crockford's base32 leaves out for looking like a
     * digit are read as that digit ({@code o} as {@code 0}, {@code i} and {@code l} as {@code 1}). Empty for
     * anything else.
     */
    public static Optional<String> normalize(String input) {
        if (input == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c - 'A' + 'a');
            }
            c = switch (c) {
                case 'o' -> '0';
                case 'i', 'l' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(c) < 0 || out.length() == LENGTH) {
                return Optional.empty();
            }
            out.append(c);
        }
        return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
    }

    /** A new salt: {@value #SALT_BYTES} random bytes, URL-safe base64. One per stored code. */
    public static String newSalt(Randomness random) {
        return random.base64Url(SALT_BYTES);
    }

    /**
     * HMAC-SHA256 of the normalized code, keyed with the salt, as URL-safe base64 without padding (43
     * characters). A fast hash on purpose: see the class comment.
     *
     * @throws IllegalArgumentException if the code is not in {@link #normalize} form or the salt is empty
     */
    public static String hash(String normalizedCode, String salt) {
        if (!normalize(normalizedCode).equals(Optional.of(normalizedCode))) {
            throw new IllegalArgumentException("hash the normalized form of a recovery code");
        }
        if (Objects.requireNonNull(salt, "salt").isEmpty()) {
            throw new IllegalArgumentException("empty salt");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(normalizedCode.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /**
     * Whether {@code normalizedCode} hashes to {@code storedHash} with {@code salt}; the hashes are compared in
     * constant time.
     *
     * @throws IllegalArgumentException as {@link #hash} does
     */
    public static boolean matches(String normalizedCode, String salt, String storedHash) {
        Objects.requireNonNull(storedHash, "storedHash");
        return MessageDigest.isEqual(hash(normalizedCode, salt).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
