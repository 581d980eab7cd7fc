package com.o2cpulse.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What readers saw during a failover, round by round: which instances answered a KPI list, and how old each
 * key's value was. Computes the two figures of the failover measurement: the longest stretch in which no instance
 * answered, and the staleness of the keys that kept changing before the fault.
 */
final class ReaderTimeline {

    /** One instance's answer in one round: whether it answered the list, and each key's updatedAt (epoch ms). */
    record Answer(int port, boolean answered, Map<String, Long> updatedAt) {
    }

    /** All instances' answers in one round, asked at {@code atMs}. */
    record Round(long atMs, List<Answer> answers) {
        boolean anyAnswered() {
            return answers.stream().anyMatch(Answer::answered);
        }
    }

    /**
     * @param longestDarkMs   longest time from a round in which no instance answered to the next round in which one did
     * @param baselineMaxMs   worst staleness of the changing keys before the fault
     * @param peakMs          worst staleness of the changing keys from the fault on
     * @param recoveredAfterMs from the fault until staleness was back within the baseline (-1: never, in the window)
     * @param changingKeys    keys whose value kept changing before the fault: the ones whose staleness is followed
     */
    record Figures(long longestDarkMs, long baselineMaxMs, long peakMs, long recoveredAfterMs, int changingKeys) {
    }

    private final List<Round> rounds = new ArrayList<>();

    void add(Round round) {
        rounds.add(round);
    }

    /**
     * The figures for a fault at {@code faultAtMs}; the rounds before it are the baseline, and the keys followed are
     * those that were never older than {@code freshMs} in it.
     */
    Figures figures(long faultAtMs, long freshMs) {
        Set<String> changing = keysFreshBefore(faultAtMs, freshMs);
        long longestDark = 0;
        Long darkSince = null;
        long baselineMax = 0;
        long peak = 0;
        Long lastStale = null;
        Long recoveredAt = null;
        // A reader takes the freshest answer it can get: per key, the newest value any instance gave so far.
        Map<String, Long> newest = new HashMap<>();
        for (Round round : rounds) {
            if (!round.anyAnswered()) {
                darkSince = darkSince == null ? round.atMs() : darkSince;
            } else if (darkSince != null) {
                longestDark = Math.max(longestDark, round.atMs() - darkSince);
                darkSince = null;
            }
            for (Answer answer : round.answers()) {
                answer.updatedAt().forEach((key, at) -> newest.merge(key, at, Math::max));
            }
            long staleness = 0;
            for (String key : changing) {
                Long at = newest.get(key);
                if (at != null) {
                    staleness = Math.max(staleness, round.atMs() - at);
                }
            }
            if (round.atMs() < faultAtMs) {
                baselineMax = Math.max(baselineMax, staleness);
            } else {
                peak = Math.max(peak, staleness);
                if (staleness > baselineMax) {
                    lastStale = round.atMs();
                    recoveredAt = null;
                } else if (recoveredAt == null) {
                    recoveredAt = round.atMs();
                }
            }
        }
        if (darkSince != null) {
            longestDark = Math.max(longestDark, rounds.get(rounds.size() - 1).atMs() - darkSince);
        }
        long recoveredAfter = lastStale == null ? 0 : recoveredAt == null ? -1 : recoveredAt - faultAtMs;
        return new Figures(longestDark, baselineMax, peak, recoveredAfter, changing.size());
    }

    /**
     * Keys whose value changed before the fault and was never older than {@code freshMs} in any round before it: the
     * keys that a stalled partition visibly freezes. (Keys that change rarely would measure the stream, not the
     * failover.)
     */
    private Set<String> keysFreshBefore(long faultAtMs, long freshMs) {
        Map<String, Long> first = new HashMap<>();
        Map<String, Long> newest = new HashMap<>();
        Map<String, Long> worst = new HashMap<>();
        Set<String> changed = new TreeSet<>();
        for (Round round : rounds) {
            if (round.atMs() >= faultAtMs) {
                break;
            }
            for (Answer answer : round.answers()) {
                answer.updatedAt().forEach((key, at) -> {
                    Long seen = first.putIfAbsent(key, at);
                    if (seen != null && !seen.equals(at)) {
                        changed.add(key);
                    }
                    newest.merge(key, at, Math::max);
                });
            }
            newest.forEach((key, at) -> worst.merge(key, round.atMs() - at, Math::max));
        }
        changed.removeIf(key -> worst.getOrDefault(key, 0L) > freshMs);
        return changed;
    }
}
