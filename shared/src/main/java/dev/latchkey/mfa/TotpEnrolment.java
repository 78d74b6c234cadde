package dev.latchkey.mfa;

/**
 * What enrolment shows once, for an authenticator app: the secret in base32, the otpauth URI and that URI as a
 * QR code (a PNG data URI).
 */
public record TotpEnrolment(String secret, String otpauthUri, String qrCodePng) {
    @Override
    public String toString() {
        return "TotpEnrolment[…]";
    }
}
