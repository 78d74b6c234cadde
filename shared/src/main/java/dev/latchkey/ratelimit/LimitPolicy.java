package dev.latchkey.ratelimit;

import java.time.Duration;

/**
 * How many attempts a subject (an email, a source IP) gets in a window before it must wait, and
 * how the wait grows: {@code firstBackoff} after the last free attempt, doubling with every further
 * one up to {@code maxBackoff}. Nothing is permanent: the counter ends with its window.
 */
public record LimitPolicy(String name, int freeAttempts, Duration window, Duration firstBackoff, Duration maxBackoff) {

    /** Failed sign-ins (and wrong current passwords) per email, known or not. */
    public static final LimitPolicy SIGN_IN_EMAIL = new LimitPolicy("signin-email", 5, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(15));
    /** Failed sign-ins per source IP, across all emails. */
    public static final LimitPolicy SIGN_IN_IP = new LimitPolicy("signin-ip", 50, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(15));
    /** Password-reset requests per email. */
    public static final LimitPolicy RESET_EMAIL = new LimitPolicy("reset-email", 5, Duration.ofHours(1),
            Duration.ofMinutes(5), Duration.ofHours(1));
    /** Password-reset requests per source IP. */
    public static final LimitPolicy RESET_IP = new LimitPolicy("reset-ip", 20, Duration.ofHours(1),
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
