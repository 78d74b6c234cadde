package dev.latchkey.signup;

/**
 * A parsed, not yet validated signup request. {@code name} and {@code username} may be null. No
 * password: whoever holds the mailed link chooses it ({@link ConfirmingSignup}).
 */
public record SignupCommand(String email, String name, String username) {
    @Override
    public String toString() {
        return "SignupCommand[]";
    }
}
