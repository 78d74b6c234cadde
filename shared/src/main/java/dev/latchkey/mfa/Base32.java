package dev.latchkey.mfa;

/** Bytes as 5-bit groups (RFC 4648 section 6 bit order), each written as one character of a 32-character alphabet. */
final class Base32 {
    /** RFC 4648's base32 alphabet, the one authenticator apps expect in an otpauth URI. */
    static final String RFC_4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    /** {@code ceil(8 * bytes.length / 5)} characters, no padding; a last partial group is filled with zero bits. */
    static String encode(byte[] bytes, String alphabet) {
        if (alphabet.length() != 32) {
            throw new IllegalArgumentException("a base32 alphabet has 32 characters");
        }
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(alphabet.charAt((buffer >>> bits) & 0x1F));
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 0x1F));
        }
        return out.toString();
    }
}
