package dev.latchkey.error;

import java.util.Optional;

/**
 * A failure the caller can act on. The message is client-safe (it becomes the problem's
 * {@code detail}): never put a secret, a token or a password into it.
 */
public final class DomainError extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    private DomainError(ErrorCode code, String field, String detail) {
        super(detail, null, false, false);
        this.code = code;
        this.field = field;
    }

    public static DomainError invalidField(String field, String detail) {
        return new DomainError(ErrorCode.INVALID_REQUEST, field, detail);
    }

    public static DomainError invalidRequest(String detail) {
        return new DomainError(ErrorCode.INVALID_REQUEST, null, detail);
    }

    /** A one-time token in the request body (field {@code field}) is unknown, used, expired or superseded. */
    public static DomainError invalidToken(String field, String detail) {
        return new DomainError(ErrorCode.INVALID_TOKEN, field, detail);
    }

    public static DomainError of(ErrorCode code, String detail) {
        return new DomainError(code, null, detail);
    }

    public static DomainError conflict(String field, String detail) {
        return new DomainError(ErrorCode.CONFLICT, field, detail);
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public String detail() {
        return getMessage();
    }
}
