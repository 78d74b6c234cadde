package dev.latchkey.account;

import dev.latchkey.error.DomainError;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address as given (trimmed, NFC) and its normalised form (lower case), which is what
 * uniqueness is decided on. Validation is deliberately pragmatic: one {@code @}, no spaces or
 * control characters, a dotted domain, RFC 5321 lengths. The mail link proves the rest.
 */
public record EmailAddress(String value, String normalized) {
    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile(
            "^[^\\s@\\p{Cntrl}\"(),:;<>\\[\\]\\\\]{1,64}@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}$");

    public static EmailAddress parse(String field, String raw) {
        String value = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (value.isEmpty()) {
            throw DomainError.invalidField(field, field + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw DomainError.invalidField(field, field + " must be at most " + MAX_LENGTH + " characters");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw DomainError.invalidField(field, field + " is not a valid email address");
        }
        return new EmailAddress(value, value.toLowerCase(Locale.ROOT));
    }
}
