package dev.latchkey.account;

import dev.latchkey.text.Unicode;
import dev.latchkey.error.DomainError;

/** A person's display name: 1–100 characters after trimming, no control characters. */
public final class PersonName {
    public static final int MAX_LENGTH = 100;

    private PersonName() {
    }

    public static String parse(String field, String raw) {
        String value = Unicode.nfc(raw.strip());
        int length = value.codePointCount(0, value.length());
        if (length == 0 || length > MAX_LENGTH) {
            throw DomainError.invalidField(field, field + " must be 1 to " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw DomainError.invalidField(field, field + " must not contain control characters");
        }
        return value;
    }
}
