package dev.latchkey.password;

import dev.latchkey.error.DomainError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * ASVS 6.2: at least 8 and at most 128 characters (counted as Unicode code points after NFKC
 * normalisation), any characters including spaces, no composition rules, and none of the 3,000
 * most common passwords.
 */
@jakarta.inject.Singleton
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common;

    @jakarta.inject.Inject
    public PasswordPolicy() {
        this.common = load("common-passwords.txt");
    }

    /** The normalised form that is hashed and compared; call it on every password the API receives. */
    public static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** Throws a 400-class error naming {@code field} when the (normalised) password breaks the policy. */
    public void check(String field, String normalizedPassword) {
        int length = normalizedPassword.codePointCount(0, normalizedPassword.length());
        if (length < MIN_LENGTH) {
            throw DomainError.invalidField(field, field + " must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw DomainError.invalidField(field, field + " must be at most " + MAX_LENGTH + " characters");
        }
        if (isCommon(normalizedPassword)) {
            throw DomainError.invalidField(field, field + " is one of the most commonly used passwords; choose another");
        }
    }

    public boolean isCommon(String password) {
        return common.contains(password.toLowerCase(Locale.ROOT));
    }

    int size() {
        return common.size();
    }

    private static Set<String> load(String resource) {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Set<String> out = new HashSet<>(4096);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line.toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
