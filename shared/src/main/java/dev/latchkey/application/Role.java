package dev.latchkey.application;

import dev.latchkey.error.DomainError;
import java.util.Locale;

/** A member's role in an application, strongest first: owner > developer > operator > observer. */
public enum Role {
    OWNER, DEVELOPER, OPERATOR, OBSERVER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code value} in request field {@code field}; a 400 naming the field otherwise. */
    public static Role parse(String field, String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw DomainError.invalidField(field, field + " must be one of owner, developer, operator, observer");
    }

    /** A stored role; unknown values are a bug, not input. */
    public static Role stored(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
