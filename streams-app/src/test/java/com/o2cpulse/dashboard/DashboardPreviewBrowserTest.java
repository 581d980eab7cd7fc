package com.o2cpulse.dashboard;

import java.net.URI;

/**
 * {@link DashboardBrowserTest} against {@link DashboardPreviewServer}, the API stand-in: proves the page and the
 * browser test itself before (and independently of) the real application. Restart and pause are supported here.
 */
class DashboardPreviewBrowserTest extends DashboardBrowserTest {

    @Override
    protected AppUnderTest startApplication() throws Exception {
        DashboardPreviewServer server = new DashboardPreviewServer(1_000).start(0);
        return new AppUnderTest() {
            @Override
            public URI baseUri() {
                return server.baseUri();
            }

            @Override
            public String knownOrderId() {
                return DashboardPreviewServer.KNOWN_ORDER;
            }

            @Override
            public void produceUpdate() {
                server.tick();
            }

            @Override
            public void restart() throws Exception {
                int port = server.port();
                server.stopServer();
                Thread.sleep(1_500); // the page notices and shows that it is reconnecting
                server.start(port);
            }

            @Override
            public void pauseUpdates() {
                server.pause();
            }

            @Override
            public void resumeUpdates() {
                server.resume();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    @Override
    protected String screenshotPrefix() {
        return "dashboard-preview";
    }
}
