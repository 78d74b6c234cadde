package dev.latchkey.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/** The one source of randomness. Injected so tests can see what it is used for; never seeded by hand. */
public final class Randomness {
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private volatile SecureRandom random;
    private volatile int generation;

    public Randomness(SecureRandom random) {
        this.random = random;
    }

    /**
     * Replace the generator with a freshly seeded one. Called after a SnapStart restore, so that
     * instances restored from one snapshot never share a random stream.
     */
    public void reseed() {
        this.random = new SecureRandom();
        generation++;
    }

    /** How many times the generator was replaced: 0 until the first restore. */
    public int generation() {
        return generation;
    }

    public byte[] bytes(int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }

    /** URL-safe base64 (no padding) of {@code byteCount} random bytes: 32 bytes give a 43-char, 256-bit token. */
    public String base64Url(int byteCount) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(byteCount));
    }

    /** {@code length} uniformly drawn base62 characters (rejection-free: nextInt is unbiased). */
    public String base62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
