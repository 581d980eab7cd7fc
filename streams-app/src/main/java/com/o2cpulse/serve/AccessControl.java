package com.o2cpulse.serve;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may ask what. Health endpoints are open (probes carry no credentials); {@code /internal/*} answers only
 * the peer token, so that a reader's token cannot read another instance's store partitions directly; {@code /metrics}
 * is open unless configured otherwise; everything else, the dashboard included, needs the reader token, as
 * {@code Authorization: Bearer <token>} or as the password of Basic authentication (any user name), which is what a
 * browser sends for the dashboard and its event stream once asked.
 */
final class AccessControl {

    static final String CHALLENGE = "Basic realm=\"o2c-pulse\", Bearer realm=\"o2c-pulse\"";

    private final HttpSecurity security;

    AccessControl(HttpSecurity security) {
        this.security = security;
    }

    /** Returns when the request may go on; otherwise throws a 401 {@link ApiException}. */
    void check(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/health/")) {
            return;
        }
        if (path.startsWith("/internal/")) {
            require(security.peerToken(), ctx, "this endpoint answers other instances of the application only");
            return;
        }
        if (path.equals("/metrics") && !security.metricsNeedToken()) {
            return;
        }
        require(security.readerToken(), ctx, "authentication required");
    }

    private static void require(Optional<Secret> expected, Context ctx, String refusal) {
        if (expected.isPresent() && !expected.get().matches(presented(ctx.header("Authorization")))) {
            throw ApiException.unauthorized(refusal);
        }
    }

    /** The token of a Bearer header, or the password of a Basic one; null when there is neither. */
    static String presented(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = authorization.substring(space + 1).trim();
        if (scheme.equals("bearer")) {
            return credentials;
        }
        if (scheme.equals("basic")) {
            try {
                String userAndPassword = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = userAndPassword.indexOf(':');
                return colon < 0 ? null : userAndPassword.substring(colon + 1);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return null;
    }
}
