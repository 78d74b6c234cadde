package dev.latchkey.application;

import dev.latchkey.error.DomainError;
import dev.latchkey.text.Unicode;

/** An application's name: 1 to 100 characters once trimmed (NFC), no control characters. */
final class Names {
    static final int MAX = 100;

    private Names() {
    }

    static String parse(String field, String raw) {
        String value = Unicode.nfc(raw.strip());
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > MAX) {
            throw DomainError.invalidField(field, field + " must be 1 to " + MAX + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            throw DomainError.invalidField(field, field + " must not contain control characters");
        }
        return value;
    }
}
