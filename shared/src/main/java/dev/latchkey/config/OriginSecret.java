package dev.latchkey.config;

/**
 * {@code LATCHKEY_ORIGIN_SECRET}: the value the stack's CloudFront distribution sends to the API in a header of its
 * own, so the functions know a request came through it and may believe its {@code CloudFront-Viewer-Address}.
 * Neither {@link #toString} nor an error message shows it.
 */
public record OriginSecret(String value) {
    public OriginSecret {
        if (value == null || value.length() < 32 || value.length() > 1024 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("LATCHKEY_ORIGIN_SECRET must be 32 to 1024 visible ASCII characters");
        }
    }

    @Override
    public String toString() {
        return "OriginSecret[" + value.length() + " characters]";
    }
}
