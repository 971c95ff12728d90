package io.appianon.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of evaluating a lattice (or one node of it).
 *
 * @param attributes the quasi-identifier columns, in order
 * @param levels the chosen generalization level per attribute; when infeasible, the evaluated node
 *     with the least suppression
 * @param feasible whether the node satisfies every model within the suppression limit
 * @param records input records
 * @param suppressedRecords records in classes failing some model (removed from the output)
 * @param classes equivalence classes kept
 * @param minClassSize the smallest kept class: the k achieved (0 when nothing is kept)
 * @param objective the objective minimized
 * @param objectiveValue its value at the node, with the attribute weights
 * @param loss all loss metrics at the node
 * @param strategy {@code search}, {@code exhaustive} or {@code fixed}
 * @param latticeSize number of nodes in the lattice
 * @param nodesEvaluated distinct nodes rolled up and assessed
 * @param nodesPruned nodes decided without assessment (predictive tagging or bounds)
 * @param rollUps roll-ups performed (including the final re-assessment of the chosen node)
 * @param elapsedMillis wall-clock time of the search
 * @param weights the weight of each attribute in the objective (1 = default; {@link
 *     SearchConfig#weights()})
 */
public record SearchResult(
    List<String> attributes,
    List<Integer> levels,
    boolean feasible,
    long records,
    long suppressedRecords,
    int classes,
    long minClassSize,
    Objective objective,
    double objectiveValue,
    LossMetrics loss,
    String strategy,
    int latticeSize,
    int nodesEvaluated,
    int nodesPruned,
    int rollUps,
    long elapsedMillis,
    Map<String, Double> weights) {

  public SearchResult {
    attributes = List.copyOf(attributes);
    levels = List.copyOf(levels);
    Map<String, Double> w = new LinkedHashMap<>();
    for (String a : attributes) {
      w.put(a, weights.getOrDefault(a, 1.0));
    }
    weights = Collections.unmodifiableMap(w);
  }

  /** As above, every attribute with weight 1. */
  public SearchResult(
      List<String> attributes,
      List<Integer> levels,
      boolean feasible,
      long records,
      long suppressedRecords,
      int classes,
      long minClassSize,
      Objective objective,
      double objectiveValue,
      LossMetrics loss,
      String strategy,
      int latticeSize,
      int nodesEvaluated,
      int nodesPruned,
      int rollUps,
      long elapsedMillis) {
    this(
        attributes,
        levels,
        feasible,
        records,
        suppressedRecords,
        classes,
        minClassSize,
        objective,
        objectiveValue,
        loss,
        strategy,
        latticeSize,
        nodesEvaluated,
        nodesPruned,
        rollUps,
        elapsedMillis,
        Map.of());
  }

  /** Suppressed records as a share of all records. */
  public double suppressedShare() {
    return records == 0 ? 0.0 : (double) suppressedRecords / records;
  }

  /** The levels by attribute name. */
  public Map<String, Integer> levelsByAttribute() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < attributes.size(); i++) {
      m.put(attributes.get(i), levels.get(i));
    }
    return m;
  }
}
