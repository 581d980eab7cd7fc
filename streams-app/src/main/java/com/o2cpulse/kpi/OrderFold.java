package com.o2cpulse.kpi;

import com.o2cpulse.lifecycle.LifecycleFact;
import com.o2cpulse.lifecycle.OrderState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds one event into its order's state and says what that changed: the KPI deltas (after − before, for the
 * families the event's stream can change), the order's open findings and the findings that are new.
 */
public final class OrderFold {

    /** What one applied event changed. */
    public record Change(Map<KpiKey, KpiTotal> deltas, List<Finding> findings, List<Finding> newFindings, boolean becameKnown) {
    }

    private final Contributions contributions;

    public OrderFold(KpiRules rules) {
        this.contributions = new Contributions(rules);
    }

    /** Applies the fact to the state in place; empty, and the state unchanged, when its event was seen already. */
    public Optional<Change> apply(OrderState state, LifecycleFact fact) {
        return apply(state, Reconciliation.findings(state), fact);
    }

    /**
     * The same, given the state's findings ({@link Reconciliation#findings}) when the caller kept them from the
     * previous change: they are the costliest part of a step.
     */
    public Optional<Change> apply(OrderState state, List<Finding> findingsBefore, LifecycleFact fact) {
        if (state.hasSeen(fact)) {
            return Optional.empty();
        }
        Set<KpiFamily> families = Contributions.familiesChangedBy(fact.stream());
        boolean wasKnown = state.isKnown();
        Map<KpiKey, KpiTotal> before = contributions.of(state, findingsBefore, families);
        state.apply(fact);
        List<Finding> findings = Reconciliation.findings(state);
        Map<KpiKey, KpiTotal> deltas = Contributions.delta(before, contributions.of(state, findings, families));
        Set<String> labelsBefore = new HashSet<>();
        findingsBefore.forEach(f -> labelsBefore.add(f.label()));
        List<Finding> newFindings = new ArrayList<>();
        for (Finding finding : findings) {
            if (!labelsBefore.contains(finding.label())) {
                newFindings.add(finding);
            }
        }
        return Optional.of(new Change(deltas, findings, newFindings, !wasKnown && state.isKnown()));
    }
}
