package dev.latchkey.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets with AES-256-GCM under a local key: for the dev server and tests, where there is no
 * KMS. Deployed functions use {@link dev.latchkey.crypto.kms.KmsSecretSealer}.
 *
 * <p>Sealed form: {@code aesgcm:k<version>:<base64url(nonce || ciphertext || tag)>}, URL-safe base64
 * without padding, a fresh 96-bit random nonce per seal and a 128-bit tag. The additional
 * authenticated data is the prefix {@code aesgcm:k<version>:} followed by the user id in UTF-8, so a
 * sealed value opens only for the user it was sealed for and only under the key version it names.
 * A 20-byte TOTP secret seals to 74 characters.
 *
 * <p>The nonces come from the {@link SecureRandom} given: with random 96-bit nonces one key seals
 * safely up to about 2^32 values. Do not use one instance across a snapshot restore (SnapStart), which
 * would replay the generator's stream.
 */
public final class AesGcmSecretSealer implements SecretSealer {
    /** The scheme part of the prefix. */
    public static final String SCHEME = "aesgcm";
    /** The key version {@link #fromKeyFile} and {@link #AesGcmSecretSealer(byte[], SecureRandom)} use. */
    public static final int DEFAULT_KEY_VERSION = 1;
    /** AES-256. */
    public static final int KEY_BYTES = 32;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNBASE64 = Base64.getUrlDecoder();

    private final int keyVersion;
    private final String prefix;
    private final SecretKeySpec key;
    private final SecureRandom random;

    /**
     * A sealer with key version {@value #DEFAULT_KEY_VERSION}.
     *
     * @param key    {@value #KEY_BYTES} bytes; copied, so the caller may wipe its array
     * @param random the source of the nonces
     */
    public AesGcmSecretSealer(byte[] key, SecureRandom random) {
        this(DEFAULT_KEY_VERSION, key, random);
    }

    /**
     * @param keyVersion the version written into every sealed value, 1 or more; a value sealed under
     *                   another version is {@link SecretSealingException.Kind#REJECTED rejected}
     * @param key        {@value #KEY_BYTES} bytes; copied, so the caller may wipe its array
     * @param random     the source of the nonces
     */
    public AesGcmSecretSealer(int keyVersion, byte[] key, SecureRandom random) {
        if (keyVersion < 1) {
            throw new IllegalArgumentException("keyVersion must be 1 or more, not " + keyVersion);
        }
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.keyVersion = keyVersion;
        this.prefix = SCHEME + ":k" + keyVersion + ":";
        this.key = new SecretKeySpec(key, "AES"); // SecretKeySpec keeps its own copy
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A sealer with key version {@value #DEFAULT_KEY_VERSION} whose key lives in {@code file}: read
     * when the file exists, else drawn from {@code random} and written there first. A new file is
     * readable and writable by its owner only (where the file system has POSIX permissions) from the
     * moment it appears, and appears complete: it is written and synced under a temporary name in the
     * same directory, then hard-linked into place, which fails rather than replace a key file another
     * process created meanwhile (that file's key is used instead). Where the file system has no hard
     * links it is atomically moved into place instead, after a last look for such a file.
     *
     * <p>Losing the file makes every value sealed under it unreadable.
     *
     * @throws IllegalStateException when the file exists but does not hold exactly {@value #KEY_BYTES} bytes
     * @throws UncheckedIOException  when the file can be neither read nor created
     */
    public static AesGcmSecretSealer fromKeyFile(Path file, SecureRandom random) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(random, "random");
        Path absolute = file.toAbsolutePath();
        byte[] key;
        try {
            key = readOrCreateKey(absolute, random);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the sealing key file " + absolute, e);
        }
        try {
            return new AesGcmSecretSealer(DEFAULT_KEY_VERSION, key, random);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The key version this sealer writes into, and expects in, sealed values. */
    public int keyVersion() {
        return keyVersion;
    }

    @Override
    public String seal(String userId, byte[] secret) {
        SecretSealer.checkUserId(userId);
        SecretSealer.checkSecret(secret);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] payload = new byte[NONCE_BYTES + secret.length + TAG_BYTES];
        System.arraycopy(nonce, 0, payload, 0, NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(userId));
            int written = cipher.doFinal(secret, 0, secret.length, payload, NONCE_BYTES);
            if (written != secret.length + TAG_BYTES) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected " + (secret.length + TAG_BYTES));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is part of every JDK, yet sealing failed ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return prefix + BASE64.encodeToString(payload);
    }

    @Override
    public byte[] unseal(String userId, String sealed) {
        SecretSealer.checkUserId(userId);
        Objects.requireNonNull(sealed, "sealed");
        if (!sealed.startsWith(prefix)) {
            throw rejected(userId, sealed.startsWith(SCHEME + ":k")
                    ? "it names another key version than k" + keyVersion
                    : "it is not an " + SCHEME + " sealed value", null);
        }
        byte[] payload;
        try {
            payload = UNBASE64.decode(sealed.substring(prefix.length()).getBytes(US_ASCII));
        } catch (IllegalArgumentException notBase64) {
            // The decoder's message quotes the offending character: leave it out.
            throw rejected(userId, "it is not URL-safe base64", null);
        }
        if (payload.length <= NONCE_BYTES + TAG_BYTES) {
            throw rejected(userId, "it is too short", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, payload, 0, NONCE_BYTES));
            cipher.updateAAD(aad(userId));
            return cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw rejected(userId, "its tag does not verify: sealed for another user, altered, or under another key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is part of every JDK, yet unsealing failed ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "AesGcmSecretSealer[k" + keyVersion + "]";
    }

    private byte[] aad(String userId) {
        return (prefix + userId).getBytes(UTF_8);
    }

    private static SecretSealingException rejected(String userId, String why, Throwable cause) {
        return new SecretSealingException(SecretSealingException.Kind.REJECTED,
                "the sealed secret of user " + userId + " does not open: " + why, cause);
    }

    // --- the key file ---

    private static byte[] readOrCreateKey(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return readKey(file);
        }
        Path directory = file.getParent();
        Files.createDirectories(directory);
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        Path temporary = ownerOnlyTemporaryFile(directory, file.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(key);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (publish(temporary, file)) {
                return key;
            }
            // Another process created the file first: its key may already be in use.
            Arrays.fill(key, (byte) 0);
            return readKey(file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path ownerOnlyTemporaryFile(Path directory, String name) throws IOException {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Created with these permissions, not narrowed afterwards: never readable by others.
            return Files.createTempFile(directory, "." + name + "-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        return Files.createTempFile(directory, "." + name + "-", ".tmp");
    }

    /** Puts the finished temporary file in place; false when a key file appeared meanwhile, which is kept. */
    private static boolean publish(Path temporary, Path file) throws IOException {
        try {
            Files.createLink(file, temporary); // fails rather than replaces
            return true;
        } catch (FileAlreadyExistsException appearedMeanwhile) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            if (Files.exists(file)) {
                return false;
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, file); // fails rather than replaces
            }
            return true;
        }
    }

    private static byte[] readKey(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the sealing key file " + file + " is not a regular file");
        }
        long size = Files.size(file);
        if (size != KEY_BYTES) {
            throw new IllegalStateException("the sealing key file " + file + " holds " + size + " bytes, not "
                    + KEY_BYTES + "; values sealed under it cannot be opened without the original key");
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException("the sealing key file " + file + " changed while it was read");
        }
        return key;
    }
}
