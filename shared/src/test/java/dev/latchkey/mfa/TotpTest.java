package dev.latchkey.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.latchkey.crypto.Randomness;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 appendix B: the SHA1 seed is the ASCII string "12345678901234567890". */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Randomness RANDOM = new Randomness(new SecureRandom());

    @Test
    @DisplayName("case=RFC 6238 appendix B, SHA1: the last 6 of the 8 digits at every listed time, and the step they match")
    void rfc6238Vectors() {
        Map<Long, Long> eightDigitCodes = Map.of(
                59L, 94287082L,
                1111111109L, 7081804L,
                1111111111L, 14050471L,
                1234567890L, 89005924L,
                2000000000L, 69279037L,
                20000000000L, 65353130L);
        eightDigitCodes.forEach((time, rfcCode) -> {
            String expected = String.format("%06d", rfcCode % 1_000_000);
            Instant at = Instant.ofEpochSecond(time);
            assertThat(Totp.step(at)).as("T=%d", time).isEqualTo(time / 30);
            assertThat(Totp.codeAt(RFC_SECRET, time / 30)).as("T=%d", time).isEqualTo(expected);
            assertThat(Totp.matchingStep(RFC_SECRET, expected, at, Long.MIN_VALUE)).as("T=%d", time).hasValue(time / 30);
        });
    }

    @Test
    @DisplayName("case=base32 is RFC 4648's, upper case and unpadded (its section 10 vectors)")
    void base32() {
        assertThat(Totp.base32(ascii(""))).isEmpty();
        assertThat(Totp.base32(ascii("f"))).isEqualTo("MY");
        assertThat(Totp.base32(ascii("fo"))).isEqualTo("MZXQ");
        assertThat(Totp.base32(ascii("foo"))).isEqualTo("MZXW6");
        assertThat(Totp.base32(ascii("foob"))).isEqualTo("MZXW6YQ");
        assertThat(Totp.base32(ascii("fooba"))).isEqualTo("MZXW6YTB");
        assertThat(Totp.base32(ascii("foobar"))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    @DisplayName("case=a new secret is 160 random bits, 32 base32 characters, never the same twice")
    void newSecrets() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            byte[] secret = Totp.newSecret(RANDOM);
            assertThat(secret).hasSize(20);
            assertThat(Totp.base32(secret)).matches("[A-Z2-7]{32}");
            assertThat(seen.add(Totp.base32(secret))).isTrue();
        }
    }

    @Test
    @DisplayName("case=the codes of the previous, current and next step are accepted as that step; two steps off are not")
    void acceptsOneStepEitherWay() {
        Instant now = Instant.now();
        long step = Totp.step(now);
        byte[] secret = secretWithDistinctCodes(step - 2, step + 2);
        for (long s = step - 1; s <= step + 1; s++) {
            assertThat(Totp.matchingStep(secret, Totp.codeAt(secret, s), now, Long.MIN_VALUE)).as("step %+d", s - step).hasValue(s);
        }
        assertThat(Totp.matchingStep(secret, Totp.codeAt(secret, step - 2), now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.matchingStep(secret, Totp.codeAt(secret, step + 2), now, Long.MIN_VALUE)).isEmpty();
        // the window follows the clock: 30 s later, the code of step + 2 is the next one
        assertThat(Totp.matchingStep(secret, Totp.codeAt(secret, step + 2), now.plusSeconds(30), Long.MIN_VALUE)).hasValue(step + 2);
        // and a well-formed code that is none of the three is refused
        Set<String> window = new HashSet<>(LongStream.rangeClosed(step - 1, step + 1).mapToObj(s -> Totp.codeAt(secret, s)).toList());
        String wrong = LongStream.range(0, 4).mapToObj(n -> String.format("%06d", n)).filter(c -> !window.contains(c)).findFirst().orElseThrow();
        assertThat(Totp.matchingStep(secret, wrong, now, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    @DisplayName("case=a code is accepted once: its step or any step before the last one used is refused (replay)")
    void refusesReplay() {
        Instant now = Instant.now();
        long step = Totp.step(now);
        byte[] secret = secretWithDistinctCodes(step - 1, step + 1);
        String current = Totp.codeAt(secret, step);
        long used = Totp.matchingStep(secret, current, now, Long.MIN_VALUE).orElseThrow();
        assertThat(used).isEqualTo(step);
        assertThat(Totp.matchingStep(secret, current, now, used)).isEmpty();
        assertThat(Totp.matchingStep(secret, Totp.codeAt(secret, step - 1), now, used)).isEmpty();
        assertThat(Totp.matchingStep(secret, current, now, step + 1)).isEmpty();
        assertThat(Totp.matchingStep(secret, current, now, step - 1)).hasValue(step);
        assertThat(Totp.matchingStep(secret, Totp.codeAt(secret, step + 1), now, used)).hasValue(step + 1);
        assertThat(Totp.matchingStep(secret, Totp.codeAt(secret, step - 1), now, step - 2)).hasValue(step - 1);
    }

    @Test
    @DisplayName("case=only exactly six ASCII digits are compared: no 5 or 7 digits, letters, spaces or non-ASCII digits")
    void refusesMalformedCodes() {
        Instant at = Instant.ofEpochSecond(59);
        String valid = "287082";
        assertThat(Totp.matchingStep(RFC_SECRET, valid, at, Long.MIN_VALUE)).hasValue(1);
        for (String code : new String[] {null, "", "28708", "2870820", "0287082", "94287082", " 287082", "287082 ",
            "287 082", "28708a", "+87082", "-87082", "\u0662\u0668\u0667\u0660\u0668\u0662", "\uFF12\uFF18\uFF17\uFF10\uFF18\uFF12"}) {
            assertThat(Totp.matchingStep(RFC_SECRET, code, at, Long.MIN_VALUE)).as("[%s]", code).isEmpty();
        }
    }

    @Test
    @DisplayName("case=the otpauth URI has the Key URI shape, issuer and account percent-encoded (%20, %2B, UTF-8; @ kept)")
    void otpauthUri() {
        String uri = Totp.otpauthUri("Latchkey Dev", "ana+mfa@example.com", RFC_SECRET);
        assertThat(uri).isEqualTo("otpauth://totp/Latchkey%20Dev:ana%2Bmfa@example.com"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Latchkey%20Dev&algorithm=SHA1&digits=6&period=30");
        URI parsed = URI.create(uri);
        assertThat(parsed.getScheme()).isEqualTo("otpauth");
        assertThat(parsed.getHost()).isEqualTo("totp");
        assertThat(parsed.getPath()).isEqualTo("/Latchkey Dev:ana+mfa@example.com");
        assertThat(parsed.getQuery()).isEqualTo(
                "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Latchkey Dev&algorithm=SHA1&digits=6&period=30");

        assertThat(Totp.otpauthUri("Zürich & Co/#1?", "a=b@example.com", RFC_SECRET))
                .startsWith("otpauth://totp/Z%C3%BCrich%20%26%20Co%2F%231%3F:a%3Db@example.com?")
                .contains("&issuer=Z%C3%BCrich%20%26%20Co%2F%231%3F&");
        assertThatThrownBy(() -> Totp.otpauthUri("Latch:key", "ana@example.com", RFC_SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Totp.otpauthUri("Latchkey", "ana:x@example.com", RFC_SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Totp.otpauthUri(" ", "ana@example.com", RFC_SECRET)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("case=the QR code is a 256-pixel PNG data URI that ZXing's reader decodes to exactly the otpauth URI")
    void qrCodeDecodesToTheUri() throws Exception {
        // 200 random secrets: ZXing's general detector misses a few percent of clean, generated codes (zbarimg reads
        // them), so a miss is retried as a pure barcode, which reads the modules straight off the unrotated image
        for (int i = 0; i < 200; i++) {
            String uri = Totp.otpauthUri("Latchkey Dev", "ana+mfa@example.com", Totp.newSecret(RANDOM));
            String dataUri = Totp.qrCodePngDataUri(uri);
            assertThat(dataUri).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isEqualTo(256);
            assertThat(image.getHeight()).isEqualTo(256);
            assertThat(decode(image)).as("QR code %d", i).isEqualTo(uri);
        }

        assertThatThrownBy(() -> Totp.qrCodePngDataUri("otpauth://totp/Zürich:a?secret=A")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The text of a QR code image: ZXing's detector, and on a miss the same image read as a pure barcode. */
    static String decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (com.google.zxing.NotFoundException missed) {
            return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        }
    }

    /** A new secret whose codes from step {@code from} to {@code to} differ, so that no code also matches another step. */
    private static byte[] secretWithDistinctCodes(long from, long to) {
        while (true) {
            byte[] secret = Totp.newSecret(RANDOM);
            if (LongStream.rangeClosed(from, to).mapToObj(s -> Totp.codeAt(secret, s)).distinct().count() == to - from + 1) {
                return secret;
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
