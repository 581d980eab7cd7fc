package com.o2cpulse.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes a value as one URL path segment. */
final class PathSegments {

    private PathSegments() {
    }

    static String encode(String value) {
        // URLEncoder writes the form encoding: a space becomes '+', which in a path would be a literal plus.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
