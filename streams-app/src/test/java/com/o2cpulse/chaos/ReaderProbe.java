package com.o2cpulse.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos readers}: asks every instance for a KPI list every half second, as the dashboard does, and for three of
 * its keys one by one, while the script around it injures the cluster; at the end prints how long no instance
 * answered the list or a key, and how stale the keys that were changing before the fault became ({@link ReaderTimeline}).
 */
@Command(name = "readers", mixinStandardHelpOptions = true,
        description = "Polls each instance's KPI list every --interval-ms for --seconds; the fault time is read from --fault-file at the end.")
final class ReaderProbe implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);
    private static final int KEYS_ASKED_ONE_BY_ONE = 3;

    /** Why answers were refused: status and message, or the failure, with counts. */
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();

    @Spec
    CommandSpec spec;
    @Option(names = "--ports", required = true, split = ",", paramLabel = "PORT")
    List<Integer> ports;
    @Option(names = "--kpi", defaultValue = "backlog")
    String kpi;
    @Option(names = "--seconds", required = true)
    long seconds;
    @Option(names = "--interval-ms", defaultValue = "500")
    long intervalMs;
    @Option(names = "--fault-file", required = true, paramLabel = "FILE", description = "Holds the fault's epoch milliseconds once it happened.")
    Path faultFile;
    @Option(names = "--label", defaultValue = "fault")
    String label;
    @Option(names = "--fresh-ms", defaultValue = "3000", description = "Follow the keys never older than this before the fault (default: ${DEFAULT-VALUE}).")
    long freshMs;

    @Override
    public Integer call() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_TIMEOUT).build();
        ReaderTimeline lists = new ReaderTimeline();
        // The freshest keys of the first list answered are then also asked one by one, as the order and KPI lookups do.
        Map<String, ReaderTimeline> keys = new LinkedHashMap<>();
        long end = System.currentTimeMillis() + seconds * 1000;
        int rounds = 0;
        for (long next = System.currentTimeMillis(); next < end; next += intervalMs) {
            Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            long at = System.currentTimeMillis();
            // All instances at once, each given up to two seconds: a slow answer on a loaded machine is an answer.
            List<CompletableFuture<ReaderTimeline.Answer>> asked = ports.stream().map(port -> ask(http, port, "")).toList();
            Map<String, List<CompletableFuture<ReaderTimeline.Answer>>> askedKeys = new LinkedHashMap<>();
            keys.keySet().forEach(key -> askedKeys.put(key, ports.stream()
                    .map(port -> ask(http, port, "/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"))).toList()));
            List<ReaderTimeline.Answer> answers = asked.stream().map(CompletableFuture::join).toList();
            lists.add(new ReaderTimeline.Round(at, answers));
            askedKeys.forEach((key, futures) -> keys.get(key).add(new ReaderTimeline.Round(at, futures.stream().map(CompletableFuture::join).toList())));
            if (keys.isEmpty()) {
                answers.stream().flatMap(answer -> answer.updatedAt().entrySet().stream())
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey).distinct()
                        .limit(KEYS_ASKED_ONE_BY_ONE).forEach(key -> keys.put(key, new ReaderTimeline()));
            }
            rounds++;
        }
        long faultAt = Long.parseLong(Files.readString(faultFile).trim());
        ReaderTimeline.Figures figures = lists.figures(faultAt, freshMs);
        long longestKeyDark = keys.values().stream().mapToLong(key -> key.figures(faultAt, freshMs).longestDarkMs()).max().orElse(-1);
        spec.commandLine().getOut().printf("readers: %s: longest time without any answer %d ms for the list, %d ms for any of %d keys asked one by one; "
                        + "staleness of the %d keys never older than %d ms before it: %d ms at most before, %d ms at most after, back within that %s; "
                        + "%d rounds of %d instances%n",
                label, figures.longestDarkMs(), longestKeyDark, keys.size(), figures.changingKeys(), freshMs, figures.baselineMaxMs(),
                figures.peakMs(), figures.recoveredAfterMs() < 0 ? "never in the window" : figures.recoveredAfterMs() + " ms after it",
                rounds, ports.size());
        refusals.forEach((reason, count) -> spec.commandLine().getOut().printf("readers: %s: %d answers refused: %s%n", label, count, reason));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The list of the KPI, or with {@code keyPath} ("/" and the encoded key) one key of it. */
    private CompletableFuture<ReaderTimeline.Answer> ask(HttpClient http, int port, String keyPath) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/kpis/" + kpi + keyPath))
                .timeout(ANSWER_TIMEOUT).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() == 200) {
                        return new ReaderTimeline.Answer(port, true, updatedAt(response.body()));
                    }
                    refusals.merge(response.statusCode() + " " + reason(response.body()), 1, Integer::sum);
                    return new ReaderTimeline.Answer(port, false, Map.of());
                })
                .exceptionally(failure -> {
                    refusals.merge(failure.getClass().getSimpleName(), 1, Integer::sum);
                    return new ReaderTimeline.Answer(port, false, Map.of());
                });
    }

    /** The error message of an answer, with the partition and key numbers taken out so that like reasons count together. */
    private static String reason(String body) {
        try {
            return JSON.readTree(body).path("error").asText(body).replaceAll("[0-9]+", "N");
        } catch (IOException e) {
            return body;
        }
    }

    /** Each key's updatedAt in a list answer ({@code items}) or a single-key one ({@code key}, {@code value}). */
    private static Map<String, Long> updatedAt(String body) {
        Map<String, Long> updatedAt = new HashMap<>();
        try {
            JsonNode root = JSON.readTree(body);
            List<JsonNode> items = new ArrayList<>();
            root.path("items").forEach(items::add);
            if (root.has("key")) {
                items.add(root);
            }
            for (JsonNode item : items) {
                JsonNode at = item.path("value").path("updatedAt");
                if (at.isTextual()) {
                    updatedAt.put(item.path("key").asText(), Instant.parse(at.asText()).toEpochMilli());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a KPI answer: " + body, e);
        }
        return updatedAt;
    }
}
