package dev.latchkey.ratelimit;

import java.time.Duration;

/**
 * How many attempts a subject (an email with a client, a source IP, an account) gets in a window
 * before it must wait, and how the wait grows: {@code firstBackoff} after the last free attempt,
 * doubling with every further one up to {@code maxBackoff}. The counter ends with its window.
 *
 * <p>Sign-in limits follow OWASP's device-cookie design and NIST 800-63B §5.2.2: guesses are
 * throttled per (email, client) — the client being a device token the account issued, or else the
 * source IP — so a stranger's guesses slow down the stranger, not the owner; per source IP across
 * all emails; and per account there is a cap of consecutive failures that only a success or a reset
 * clears, which stops clients without a device token of that account and never the ones with one.
 */
public record LimitPolicy(String name, int freeAttempts, Duration window, Duration firstBackoff, Duration maxBackoff) {

    /** Failed sign-ins per (email, client), known email or not; wrong current passwords per (email, session). */
    public static final LimitPolicy SIGN_IN_EMAIL_CLIENT = new LimitPolicy("signin-email-client", 5, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(15));
    /**
     * Consecutive failed sign-ins per email across all clients (NIST 800-63B §5.2.2: at most 100).
     * The window is long so the count survives the throttle's windows; past it, clients without a
     * device token of the account wait until a success or a reset clears it (or 30 days pass).
     */
    public static final LimitPolicy SIGN_IN_ACCOUNT = new LimitPolicy("signin-account", 100, Duration.ofDays(30),
            Duration.ofDays(30), Duration.ofDays(30));
    /** Failed sign-ins per source IP, across all emails. */
    public static final LimitPolicy SIGN_IN_IP = new LimitPolicy("signin-ip", 50, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(15));
    /** Password-reset requests per (email, source IP): a stranger's requests do not block the owner's. */
    public static final LimitPolicy RESET_EMAIL_CLIENT = new LimitPolicy("reset-email-client", 5, Duration.ofHours(1),
            Duration.ofMinutes(5), Duration.ofHours(1));
    /** Password-reset mails per email from all clients: a ceiling against flooding an inbox. */
    public static final LimitPolicy RESET_EMAIL = new LimitPolicy("reset-email", 20, Duration.ofHours(1),
            Duration.ofMinutes(5), Duration.ofHours(1));
    /** Signup requests per (email, source IP). */
    public static final LimitPolicy SIGNUP_EMAIL_CLIENT = new LimitPolicy("signup-email-client", 3, Duration.ofHours(1),
            Duration.ofMinutes(5), Duration.ofHours(1));
    /** Signup mails per email from all clients: a ceiling against flooding an inbox. */
    public static final LimitPolicy SIGNUP_EMAIL = new LimitPolicy("signup-email", 10, Duration.ofHours(1),
            Duration.ofMinutes(5), Duration.ofHours(1));
    /** Signup requests per source IP, across all emails. */
    public static final LimitPolicy SIGNUP_IP = new LimitPolicy("signup-ip", 20, Duration.ofHours(1),
            Duration.ofMinutes(5), Duration.ofHours(1));
    /** Password-reset requests per source IP. */
    public static final LimitPolicy RESET_IP = new LimitPolicy("reset-ip", 20, Duration.ofHours(1),
            Duration.ofMinutes(5), Duration.ofHours(1));

    /**
     * Wrong second-factor codes (TOTP and recovery codes alike) per account, separate from password failures: a
     * 6-digit code with a ±1 step window has 3 in 10^6 chances per guess, so 5 guesses per 15 minutes keep an
     * attacker who has the password far from a useful rate (ASVS 6.3.1).
     */
    public static final LimitPolicy MFA_CODE = new LimitPolicy("mfa-code", 5, Duration.ofMinutes(15),
            Duration.ofMinutes(15), Duration.ofMinutes(15));

    /**
     * Email-change requests per account (with the right password): each mails two addresses, one of them typed by the
     * caller, so a signed-in user cannot turn the route into a mail cannon.
     */
    public static final LimitPolicy EMAIL_CHANGE_USER = new LimitPolicy("email-change-user", 5, Duration.ofHours(1),
            Duration.ofMinutes(5), Duration.ofHours(1));

    /** The wait after {@code attempts} recorded attempts: zero while free, then doubling. */
    public Duration backoffAfter(int attempts) {
        if (attempts < freeAttempts) {
            return Duration.ZERO;
        }
        int doublings = Math.min(attempts - freeAttempts, 20);
        Duration backoff = firstBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
