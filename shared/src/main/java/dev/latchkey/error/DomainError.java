package dev.latchkey.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the caller can act on. The message is client-safe (it becomes the problem's
 * {@code detail}): never put a secret, a token or a password into it.
 */
public final class DomainError extends RuntimeException {
    private final ErrorCode code;
    private final String field;
    private final Duration retryAfter;

    private DomainError(ErrorCode code, String field, String detail) {
        this(code, field, detail, null);
    }

    private DomainError(ErrorCode code, String field, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    /** Too many attempts; the caller may try again after {@code retryAfter}. */
    public static DomainError rateLimited(Duration retryAfter) {
        return new DomainError(ErrorCode.RATE_LIMITED, null, "too many attempts; try again later", retryAfter);
    }

    public static DomainError notFound(String detail) {
        return new DomainError(ErrorCode.NOT_FOUND, null, detail);
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

    public static DomainError of(ErrorCode code, String field, String detail) {
        return new DomainError(code, field, detail);
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

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public String detail() {
        return getMessage();
    }
}
