package dev.latchkey.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.latchkey.crypto.Randomness;
import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps show them: HMAC-SHA1, 6 digits, a 30-second
 * step, and one step of clock drift either way. Pure functions: the secret, the time and the last step a code
 * was accepted at come from the caller, which stores them.
 */
public final class Totp {
    /** 160 bits, the HMAC-SHA1 output size that RFC 4226 recommends for the shared secret. */
    public static final int SECRET_BYTES = 20;
    public static final int DIGITS = 6;
    public static final int PERIOD_SECONDS = 30;
    /** Steps accepted either side of the current one (RFC 6238 section 5.2: at most one step of network delay). */
    public static final int WINDOW_STEPS = 1;
    public static final int QR_CODE_PIXELS = 256;

    private static final CodeGenerator CODES = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private static final String DATA_URI_PREFIX = "data:image/png;base64,";

    private Totp() {
    }

    /** A new shared secret: {@value #SECRET_BYTES} bytes from the CSPRNG. */
    public static byte[] newSecret(Randomness random) {
        return random.bytes(SECRET_BYTES);
    }

    /** RFC 4648 base32, upper case, no padding: how the secret is shown for typing it into an app. */
    public static String base32(byte[] bytes) {
        return Base32.encode(bytes, Base32.RFC_4648);
    }

    /** The RFC 6238 time step of {@code instant}: whole periods since the epoch. */
    public static long step(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code an authenticator app shows for {@code secret} during time step {@code step}. */
    public static String codeAt(byte[] secret, long step) {
        return generate(padded(secret), step);
    }

    /**
     * The time step that {@code code} belongs to, if it is the code of step {@code now - 1}, {@code now} or
     * {@code now + 1} (tried in that order) and that step is after {@code lastUsedStep}: a code is accepted once,
     * and never one older than the last one accepted. Store the returned step as the new {@code lastUsedStep};
     * pass {@code Long.MIN_VALUE} when no code was accepted yet. Anything but exactly six ASCII digits is empty.
     * The codes are compared in constant time.
     */
    public static OptionalLong matchingStep(byte[] secret, String code, Instant now, long lastUsedStep) {
        Objects.requireNonNull(now, "now");
        if (!isSixAsciiDigits(code)) {
            return OptionalLong.empty();
        }
        String key = padded(secret);
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        for (long step = current - WINDOW_STEPS; step <= current + WINDOW_STEPS; step++) {
            if (step > lastUsedStep
                    && MessageDigest.isEqual(generate(key, step).getBytes(StandardCharsets.US_ASCII), given)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The Key URI that authenticator apps read from a QR code
     * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format):
     * {@code otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>&algorithm=SHA1&digits=6&period=30}.
     * Issuer and account are percent-encoded as UTF-8, keeping only RFC 3986's unreserved characters and
     * {@code @}; a space is {@code %20}, a {@code +} is {@code %2B}. Neither may contain a colon, the separator
     * of the label.
     */
    public static String otpauthUri(String issuer, String accountName, byte[] secret) {
        String encodedIssuer = labelPart(issuer, "issuer");
        return "otpauth://totp/" + encodedIssuer + ":" + labelPart(accountName, "accountName")
                + "?secret=" + base32(secret)
                + "&issuer=" + encodedIssuer
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
    }

    /**
     * {@code otpauthUri} (ASCII, as {@link #otpauthUri} makes it) as a {@value #QR_CODE_PIXELS}-pixel square PNG QR
     * code, error correction level M, the standard 4-module quiet zone, byte mode without an ECI header; as a
     * {@code data:image/png;base64,} URI for an {@code <img src>}. ZXing directly, as samstevens'
     * {@code ZxingPngQrGenerator} does it inside: that class only takes its own {@code QrData}, whose URI would
     * encode the label's colon and the {@code @}.
     */
    public static String qrCodePngDataUri(String otpauthUri) {
        Objects.requireNonNull(otpauthUri, "otpauthUri");
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(otpauthUri)) {
            throw new IllegalArgumentException("an otpauth URI is ASCII (its issuer and account are percent-encoded)");
        }
        try {
            BitMatrix matrix = new QRCodeWriter().encode(otpauthUri, BarcodeFormat.QR_CODE, QR_CODE_PIXELS, QR_CODE_PIXELS,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            return DATA_URI_PREFIX + Base64.getEncoder().encodeToString(Png.of(matrix));
        } catch (WriterException e) {
            throw new IllegalArgumentException("too long for a QR code: " + otpauthUri.length() + " characters", e);
        }
    }

    private static boolean isSixAsciiDigits(String code) {
        if (code == null || code.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < DIGITS; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Padded base32, as commons-codec (under samstevens' generator) decodes it without guessing. */
    private static String padded(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("empty TOTP secret");
        }
        StringBuilder key = new StringBuilder(base32(secret));
        while (key.length() % 8 != 0) {
            key.append('=');
        }
        return key.toString();
    }

    private static String generate(String paddedBase32Key, long step) {
        try {
            return CODES.generate(paddedBase32Key, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every JDK", e);
        }
    }

    private static String labelPart(String text, String name) {
        Objects.requireNonNull(text, name);
        if (text.isBlank() || text.indexOf(':') >= 0) {
            throw new IllegalArgumentException(name + " must be non-blank and without ':'");
        }
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
