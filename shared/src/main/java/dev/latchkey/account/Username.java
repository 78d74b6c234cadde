package dev.latchkey.account;

import dev.latchkey.error.DomainError;
import java.util.regex.Pattern;

/** 3–32 characters: lower-case letters, digits, {@code _} and {@code -}, starting and ending alphanumeric. */
public final class Username {
    private static final Pattern SHAPE = Pattern.compile("^[a-z0-9](?:[a-z0-9_-]{1,30})[a-z0-9]$");

    private Username() {
    }

    public static String parse(String field, String raw) {
        if (!SHAPE.matcher(raw).matches()) {
            throw DomainError.invalidField(field,
                    field + " must be 3 to 32 lower-case letters, digits, '_' or '-', starting and ending with a letter or digit");
        }
        return raw;
    }
}
