package dev.latchkey.account;

import dev.latchkey.text.Unicode;
import dev.latchkey.error.DomainError;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address as given (trimmed; an internationalised domain turned into its ASCII
 * "xn--" form) and its normalised form (lower case), which is what uniqueness is decided on.
 * The local part must be ASCII: SES, like most mail systems, cannot deliver to anything else, and a
 * 400 now beats a 500 after the signup was stored. Validation is otherwise pragmatic — one {@code @},
 * dot-atom characters, a dotted domain, RFC 5321 lengths — the mail link proves the rest.
 */
public record EmailAddress(String value, String normalized) {
    public static final int MAX_LENGTH = 254;
    private static final Pattern LOCAL = Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$");
    private static final Pattern DOMAIN = Pattern.compile(
            "^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$");

    public static EmailAddress parse(String field, String raw) {
        String value = Unicode.nfc(raw.strip());
        if (value.isEmpty()) {
            throw DomainError.invalidField(field, field + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw DomainError.invalidField(field, field + " must be at most " + MAX_LENGTH + " characters");
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            throw DomainError.invalidField(field, field + " is not a valid email address");
        }
        String local = value.substring(0, at);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw DomainError.invalidField(field, field + " is not a valid email address (the part before @ must be plain ASCII)");
        }
        String domain = value.substring(at + 1);
        if (!Unicode.isAscii(domain)) { // an ASCII domain is its own ASCII form; DOMAIN below checks what STD3 would
            try {
                domain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                throw DomainError.invalidField(field, field + " is not a valid email address");
            }
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw DomainError.invalidField(field, field + " is not a valid email address");
        }
        String ascii = local + "@" + domain;
        if (ascii.length() > MAX_LENGTH) {
            throw DomainError.invalidField(field, field + " must be at most " + MAX_LENGTH + " characters");
        }
        return new EmailAddress(ascii, ascii.toLowerCase(Locale.ROOT));
    }
}
