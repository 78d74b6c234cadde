package dev.latchkey.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Looks for a secret where it must not be: in sealed values and in exception messages. */
public final class SecretLeaks {
    private SecretLeaks() {
    }

    /**
     * The forms the secret could show up in as text: raw, base64 (both alphabets, padded or not), hex,
     * and base32 (RFC 4648, as authenticator apps are given TOTP secrets).
     */
    public static List<String> encodings(byte[] secret) {
        return List.of(
                base32(secret),
                new String(secret, UTF_8),
                Base64.getEncoder().encodeToString(secret),
                Base64.getEncoder().withoutPadding().encodeToString(secret),
                Base64.getUrlEncoder().encodeToString(secret),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                Base64.getMimeEncoder().encodeToString(secret),
                HexFormat.of().formatHex(secret));
    }

    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** No message in the exception's chain contains the secret in any encoding, nor the sealed value. */
    public static void assertKeepsOut(Throwable thrown, byte[] secret, String sealed) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (String form : encodings(secret)) {
                assertThat(message).as("message of %s", t.getClass().getName()).doesNotContainIgnoringCase(form);
            }
            assertThat(message).as("message of %s", t.getClass().getName()).doesNotContain(sealed);
        }
    }
}
