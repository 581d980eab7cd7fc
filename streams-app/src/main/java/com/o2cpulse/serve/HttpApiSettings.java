package com.o2cpulse.serve;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API runs.
 *
 * @param port              the HTTP port; 0 picks a free one ({@link HttpApi#port()} tells which). It must be the
 *                          port of this instance's {@code application.server}, or other instances cannot reach it
 * @param dashboard         where the dashboard's static files are
 * @param maxStandbyLag     how many records a standby copy may lag when it answers for an unreachable active host
 * @param peerTimeout       connect and request timeout when asking another instance
 * @param heartbeatInterval how often Server-Sent-Events clients get a heartbeat comment
 * @param clock             the time stamped on order statuses
 * @param security          the listening address, TLS and tokens
 */
public record HttpApiSettings(int port, DashboardFiles dashboard, long maxStandbyLag, Duration peerTimeout,
                              Duration heartbeatInterval, Clock clock, HttpSecurity security) {

    public HttpApiSettings {
        Objects.requireNonNull(dashboard, "dashboard");
        Objects.requireNonNull(peerTimeout, "peerTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(security, "security");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        if (maxStandbyLag < 0) {
            throw new IllegalArgumentException("maxStandbyLag must not be negative: " + maxStandbyLag);
        }
    }

    /**
     * The dashboard from the classpath, standbys up to 10,000 records behind, 5 s peer timeout, 15 s heartbeats,
     * plain HTTP on loopback without tokens.
     */
    public static HttpApiSettings defaults(int port) {
        return new HttpApiSettings(port, DashboardFiles.DEFAULT, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(15),
                Clock.systemUTC(), HttpSecurity.LOOPBACK);
    }

    public HttpApiSettings withDashboard(DashboardFiles files) {
        return new HttpApiSettings(port, files, maxStandbyLag, peerTimeout, heartbeatInterval, clock, security);
    }

    public HttpApiSettings withMaxStandbyLag(long records) {
        return new HttpApiSettings(port, dashboard, records, peerTimeout, heartbeatInterval, clock, security);
    }

    public HttpApiSettings withPeerTimeout(Duration timeout) {
        return new HttpApiSettings(port, dashboard, maxStandbyLag, timeout, heartbeatInterval, clock, security);
    }

    public HttpApiSettings withHeartbeatInterval(Duration interval) {
        return new HttpApiSettings(port, dashboard, maxStandbyLag, peerTimeout, interval, clock, security);
    }

    public HttpApiSettings withSecurity(HttpSecurity newSecurity) {
        return new HttpApiSettings(port, dashboard, maxStandbyLag, peerTimeout, heartbeatInterval, clock, newSecurity);
    }
}
