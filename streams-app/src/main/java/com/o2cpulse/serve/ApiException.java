package com.o2cpulse.serve;

/** A request that cannot be answered, with the status and message the client gets as {@code {"error": ...}}. */
final class ApiException extends RuntimeException {

    static final int RETRY_AFTER_SECONDS = 1;

    private final int status;

    private ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** Answered with a WWW-Authenticate challenge. */
    static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    /** Answered with Retry-After: the store is rebalancing, restoring, or its host cannot be reached. */
    static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }

    int status() {
        return status;
    }
}
