package com.o2cpulse.serve;

import io.javalin.http.sse.SseClient;

/** Where the KPI change stream writes one client's Server-Sent Events: a Javalin {@link SseClient}, or a test's. */
interface EventSink {

    void sendEvent(String event, String data);

    void sendComment(String text);

    boolean terminated();

    void close();

    /** Runs {@code action} once the client went away. */
    void onClose(Runnable action);

    static EventSink of(SseClient client) {
        return new EventSink() {
            @Override
            public void sendEvent(String event, String data) {
                client.sendEvent(event, data);
            }

            @Override
            public void sendComment(String text) {
                client.sendComment(text);
            }

            @Override
            public boolean terminated() {
                return client.terminated();
            }

            @Override
            public void close() {
                client.close();
            }

            @Override
            public void onClose(Runnable action) {
                client.onClose(action);
            }
        };
    }
}
