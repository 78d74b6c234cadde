package dev.latchkey.error;

/** Stable, client-facing error codes (the {@code code} member of problem+json). */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request"),
    /** A one-time token in a request body (signup link, reset link) is unknown, used, expired or superseded. */
    INVALID_TOKEN("invalid_token"),
    /** No valid credential on an authenticated route. */
    UNAUTHENTICATED("invalid_token"),
    INVALID_CREDENTIALS("invalid_credentials"),
    /** The current password given to confirm a change is wrong (the caller's session is fine). */
    WRONG_CURRENT_PASSWORD("invalid_credentials"),
    /** The route manages credentials and needs a session token; an API key was used. */
    SESSION_REQUIRED("session_required"),
    /** The account has MFA on and the request carried no valid second factor. */
    MFA_REQUIRED("mfa_required"),
    /** The TOTP or recovery code is wrong, or was used already (the two are not told apart). */
    INVALID_MFA_CODE("invalid_mfa_code"),
    /** MFA cannot be turned off: an application the user belongs to requires it for their role. */
    MFA_REQUIRED_BY_APPLICATION("mfa_required_by_application"),
    /** The application requires MFA of the caller's role and the caller has it off (403; leaving still works). */
    MFA_REQUIRED_FOR_ROLE("mfa_required_by_application"),
    FORBIDDEN("forbidden"),
    /** A sensitive act needs a recent sign-in or the password (field {@code password}). */
    REAUTHENTICATION_REQUIRED("reauthentication_required"),
    NOT_FOUND("not_found"),
    CONFLICT("conflict"),
    /** The body is not {@code application/json}: a cross-site form could send it without a preflight. */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    RATE_LIMITED("rate_limited");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
