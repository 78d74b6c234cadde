package dev.latchkey.mfa;

import java.util.List;

/**
 * Whether a user may turn MFA off. The applications feature answers ({@code ApplicationsRequiringMfa}) with the
 * applications whose role for this user requires MFA; the port keeps this feature free of that one.
 */
public interface MfaPolicy {

    /** Names of the applications (with the role) that require this user to keep MFA on; empty when none. */
    List<String> applicationsRequiringMfa(String userId);
}
