package dev.latchkey.password;

import dev.latchkey.text.Unicode;
import dev.latchkey.error.DomainError;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ASVS 6.2: at least 8 and at most 128 characters (counted as Unicode code points after NFKC
 * normalisation), any characters including spaces, no composition rules, not in a list of 197,545
 * breached passwords (6.2.4, {@link BreachedPasswords}) and not containing a context word (6.2.11).
 *
 * <p>Both list and context words are compared case-insensitively (lower case, {@link Locale#ROOT}).
 * Context words: "latchkey" always, plus whatever the caller passes (the account's email, name and
 * username). A value with an {@code @} counts by its local part only (the part before the last {@code @}).
 * Each value counts whole and split at every character that is neither a letter nor a digit, so
 * "Ada Lovelace" gives "ada lovelace", "ada" and "lovelace", and "ada.l+news@example.com" gives
 * "ada.l+news", "ada" and "news". Words shorter than {@value #MIN_CONTEXT_WORD_LENGTH} code points are
 * ignored (too many innocent passwords contain "ada" or "bob"); the password is refused when it contains
 * any remaining word, which includes being equal to it. The error names the field but not the word.
 */
@jakarta.inject.Singleton
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    /** Context words shorter than this (in code points) are not checked. */
    public static final int MIN_CONTEXT_WORD_LENGTH = 4;
    /** The context word every password is checked against. */
    public static final String SERVICE_WORD = "latchkey";

    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final BreachedPasswords breached;

    @jakarta.inject.Inject
    public PasswordPolicy() {
        // Read here, during init, so a SnapStart snapshot holds it; once per JVM however many instances.
        this.breached = BreachedPasswords.shipped();
    }

    /**
     * A password presented to be checked against the stored one (sign-in, current password, step-up):
     * normalised, 1 to {@link #MAX_LENGTH} characters; the policy for new passwords does not apply.
     */
    public static String presented(String field, String raw) {
        String password = normalize(raw);
        if (password.isEmpty() || password.codePointCount(0, password.length()) > MAX_LENGTH) {
            throw DomainError.invalidField(field, field + " must be 1 to " + MAX_LENGTH + " characters");
        }
        return password;
    }

    /** The normalised form that is hashed and compared; call it on every password the API receives. */
    public static String normalize(String password) {
        return Unicode.nfkc(password);
    }

    /**
     * Throws a 400-class error naming {@code field} when the (normalised) password breaks the policy;
     * the only context word is "latchkey".
     */
    public void check(String field, String normalizedPassword) {
        check(field, normalizedPassword, Set.of());
    }

    /**
     * Throws a 400-class error naming {@code field} when the (normalised) password breaks the policy,
     * with {@code contextWords} (the account's email address, name and username; null elements are
     * skipped) as context words besides "latchkey": see the class comment for how they are compared.
     */
    public void check(String field, String normalizedPassword, Collection<String> contextWords) {
        int length = normalizedPassword.codePointCount(0, normalizedPassword.length());
        if (length < MIN_LENGTH) {
            throw DomainError.invalidField(field, field + " must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw DomainError.invalidField(field, field + " must be at most " + MAX_LENGTH + " characters");
        }
        String key = BreachedPasswords.key(normalizedPassword);
        if (breached.mightContain(key)) {
            throw DomainError.invalidField(field,
                    field + " is in a list of common or breached passwords; choose another");
        }
        for (String word : contextTerms(contextWords)) {
            if (key.contains(word)) {
                throw DomainError.invalidField(field,
                        field + " must not contain your email address, name or username, nor \"" + SERVICE_WORD + "\"");
            }
        }
    }

    /**
     * True when the password (any case) is in the breached-password list; entries shorter than
     * {@value #MIN_LENGTH} characters are not in it, since the length rule refuses them already.
     */
    public boolean isCommon(String password) {
        return breached.mightContain(BreachedPasswords.key(normalize(password)));
    }

    /** Number of passwords in the list. */
    int size() {
        return breached.count();
    }

    BreachedPasswords breached() {
        return breached;
    }

    /** The lower-cased words a password must not contain, "latchkey" first. */
    static Set<String> contextTerms(Collection<String> contextWords) {
        Set<String> terms = new LinkedHashSet<>();
        terms.add(SERVICE_WORD);
        for (String value : contextWords) {
            if (value == null) {
                continue;
            }
            String word = normalize(value).toLowerCase(Locale.ROOT).strip();
            int at = word.lastIndexOf('@');
            if (at >= 0) {
                word = word.substring(0, at);
            }
            addTerm(terms, word);
            for (String part : NOT_LETTER_OR_DIGIT.split(word)) {
                addTerm(terms, part);
            }
        }
        return terms;
    }

    private static void addTerm(Set<String> terms, String word) {
        if (word.codePointCount(0, word.length()) >= MIN_CONTEXT_WORD_LENGTH) {
            terms.add(word);
        }
    }
}
