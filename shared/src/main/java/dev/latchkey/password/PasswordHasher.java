package dev.latchkey.password;

import dev.latchkey.crypto.Randomness;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 in a PHC-style string that carries its own parameters:
 * {@code $pbkdf2-sha256$i=600000$<salt>$<hash>} (base64 without padding, 16-byte salt, 32-byte hash).
 * Verification reads the parameters from the stored string, so the cost can rise later without
 * breaking existing hashes ({@link #needsRehash}).
 */
public final class PasswordHasher {
    private static final String ID = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int iterations;
    private final Randomness randomness;
    private final String decoy;
    private final LongAdder derivations = new LongAdder();

    public PasswordHasher(int iterations, Randomness randomness) {
        this.iterations = iterations;
        this.randomness = randomness;
        // Random salt and hash with the current cost: verifying against it costs a real verification
        // and matches nothing. Built without hashing so it adds nothing to cold start.
        this.decoy = "$" + ID + "$i=" + iterations + "$" + B64.encodeToString(randomness.bytes(SALT_BYTES))
                + "$" + B64.encodeToString(randomness.bytes(HASH_BITS / 8));
    }

    public String hash(String normalizedPassword) {
        byte[] salt = randomness.bytes(SALT_BYTES);
        byte[] derived = derive(normalizedPassword, salt, iterations);
        return "$" + ID + "$i=" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(derived);
    }

    /** Constant-time comparison; false (never an exception) for a malformed stored string. */
    public boolean verify(String normalizedPassword, String phc) {
        String[] parts = phc == null ? new String[0] : phc.split("\\$");
        if (parts.length != 5 || !parts[1].equals(ID) || !parts[2].startsWith("i=")) {
            return false;
        }
        try {
            int storedIterations = Integer.parseInt(parts[2].substring(2));
            byte[] salt = B64D.decode(parts[3]);
            byte[] expected = B64D.decode(parts[4]);
            if (storedIterations < 1 || expected.length != HASH_BITS / 8) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(normalizedPassword, salt, storedIterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Spend the same work as a real verification when there is no account to check against,
     * so a wrong email costs as long as a wrong password.
     */
    public void verifyDecoy(String normalizedPassword) {
        verify(normalizedPassword, decoy);
    }

    public boolean needsRehash(String phc) {
        return phc == null || !phc.startsWith("$" + ID + "$i=" + iterations + "$");
    }

    public int iterations() {
        return iterations;
    }

    /** How many hashes this instance has computed: the unit of work enumeration safety is about. */
    public long derivations() {
        return derivations.sum();
    }

    private byte[] derive(String password, byte[] salt, int iterations) {
        derivations.increment();
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
