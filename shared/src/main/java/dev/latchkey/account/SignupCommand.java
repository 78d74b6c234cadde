package dev.latchkey.account;

/** A parsed, not yet validated signup request. {@code name} and {@code username} may be null. */
public record SignupCommand(String email, String password, String name, String username) {
    @Override
    public String toString() {
        return "SignupCommand[]";
    }
}
