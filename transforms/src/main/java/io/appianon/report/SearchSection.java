package io.appianon.report;

import io.appianon.privacy.SearchResult;
import java.util.Map;

/**
 * {@code search}: the chosen generalization, its objective and loss, and how the lattice was
 * searched.
 */
public record SearchSection(
    Map<String, Integer> levels,
    boolean feasible,
    long records,
    long suppressedRecords,
    double suppressedShare,
    int classes,
    long minClassSize,
    String objective,
    double objectiveValue,
    Map<String, Double> weights,
    LossSection loss,
    String strategy,
    int latticeSize,
    int nodesEvaluated,
    int nodesPruned,
    int rollUps,
    long elapsedMillis) {

  public static SearchSection of(SearchResult r) {
    return new SearchSection(
        r.levelsByAttribute(),
        r.feasible(),
        r.records(),
        r.suppressedRecords(),
        r.suppressedShare(),
        r.classes(),
        r.minClassSize(),
        r.objective().name(),
        r.objectiveValue(),
        r.weights(),
        LossSection.of(r.loss()),
        r.strategy(),
        r.latticeSize(),
        r.nodesEvaluated(),
        r.nodesPruned(),
        r.rollUps(),
        r.elapsedMillis());
  }
}
