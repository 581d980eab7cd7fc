package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.ops.Readiness;

/** The health answers: 200 {@code {"status":"UP",...}} or 503 {@code {"status":"DOWN",...}}. */
final class Health {

    private final Readiness readiness;

    Health(Readiness readiness) {
        this.readiness = readiness;
    }

    Reply live() {
        return answer(readiness.isLive());
    }

    Reply ready() {
        return answer(readiness.isReady());
    }

    private Reply answer(boolean up) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", readiness.state().name());
        body.put("live", readiness.isLive());
        body.put("ready", readiness.isReady());
        body.put("restoringStores", readiness.restoringStores());
        return new Reply(up ? 200 : 503, Reply.write(body));
    }
}
