package com.o2cpulse.serve;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * What the HTTP server is below the routes: the listening address, TLS, the security headers of every response,
 * and errors that Jetty answers itself (a malformed request, a URI or headers too long) in the API's JSON shape.
 */
final class JettyEdge {

    static final String JSON = "application/json";
    private static final String STREAM_PATH = "/api/stream";
    private static final String EVENT_STREAM = "text/event-stream";

    private final HttpSecurity security;
    private final int port;

    JettyEdge(HttpSecurity security, int port) {
        this.security = security;
        this.port = port;
    }

    void configure(JavalinConfig config) {
        config.jetty.addConnector(this::connector);
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(security.tls())));
        config.jetty.modifyServletContextHandler(context -> context.addFilter(new FilterHolder(streamWithoutAccept()),
                STREAM_PATH, EnumSet.of(DispatcherType.REQUEST)));
    }

    private ServerConnector connector(Server server, HttpConfiguration http) {
        http.setSendServerVersion(false);
        http.addCustomizer((request, responseHeaders) -> {
            addSecurityHeaders(responseHeaders, security.tls());
            return request;
        });
        ServerConnector connector;
        if (security.keyStore().isPresent()) {
            KeyStoreFile keys = security.keyStore().get();
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(keys.load());
            tls.setKeyStorePassword(keys.password().reveal());
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Peers call each other by their advertised names, which the certificate of a shared secret may not list.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(security.bindAddress());
        connector.setPort(port);
        return connector;
    }

    static void addSecurityHeaders(HttpFields.Mutable headers, boolean tls) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        if (tls) {
            headers.put("Strict-Transport-Security", "max-age=31536000");
        }
    }

    /**
     * Javalin streams Server-Sent Events only to a request whose Accept header names {@code text/event-stream};
     * clients that send none or {@code *}{@code /*} (curl, many SSE libraries) got an empty 200. The stream is the only
     * thing this path serves, so every request to it is handed on as accepting it.
     */
    private static Filter streamWithoutAccept() {
        return (request, response, chain) -> chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {
            @Override
            public String getHeader(String name) {
                return "Accept".equalsIgnoreCase(name) ? EVENT_STREAM : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(List.of(EVENT_STREAM)) : super.getHeaders(name);
            }
        }, response);
    }

    /** Errors Jetty answers before any route, as {@code {"error": ...}} with the security headers. */
    private static final class JsonErrorHandler extends ErrorHandler {

        private final boolean tls;

        JsonErrorHandler(boolean tls) {
            this.tls = tls;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, JSON);
            addSecurityHeaders(fields, tls);
            return ByteBuffer.wrap(body(status));
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) throws IOException {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
            addSecurityHeaders(response.getHeaders(), tls);
            response.write(true, ByteBuffer.wrap(body(code)), callback);
        }

        /** The status's own reason only: Jetty's detail can quote the request, which is not echoed back. */
        private static byte[] body(int status) {
            String reason = HttpStatus.getMessage(status);
            return Reply.error(status, reason == null ? "HTTP " + status : reason).body().getBytes(StandardCharsets.UTF_8);
        }
    }
}
