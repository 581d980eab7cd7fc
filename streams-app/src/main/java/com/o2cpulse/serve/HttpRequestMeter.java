package com.o2cpulse.serve;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Counts and times every HTTP request by route, method and status ({@code o2c_http_requests_seconds}), so that a
 * failed request is a number on a dashboard rather than a log line. Routes are the endpoint patterns
 * ({@code /api/kpis/{kpi}/{key}}), never the requested paths, so the series stay few; requests that match no
 * endpoint (the dashboard's files, unknown paths) count under {@code other}.
 */
final class HttpRequestMeter {

    private static final String STARTED = "o2c.request.started";
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final MeterRegistry registry;

    HttpRequestMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    void started(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    void finished(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        Timer.builder("o2c.http.requests")
                .description("HTTP requests answered, by route, method and status")
                .tag("route", endpoint == null ? "other" : endpoint.path)
                .tag("method", ctx.method().name())
                .tag("status", Integer.toString(ctx.statusCode()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - started));
    }
}
