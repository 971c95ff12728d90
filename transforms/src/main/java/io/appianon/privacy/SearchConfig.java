package io.appianon.privacy;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the lattice search looks for: the privacy models every kept class must satisfy, the largest
 * share of records that may be suppressed, and the objective to minimize.
 *
 * @param models the privacy models (at least one)
 * @param maxSuppression the suppression limit as a share of records, in [0, 1]
 * @param objective the information-loss metric to minimize
 * @param maxLevels the highest level the search may choose per quasi-identifier (in order;
 *     negative: no cap), or empty for none
 * @param weights the analyst's weight of each quasi-identifier in the objective (in order; each
 *     finite and > 0, 1 = default), or empty for none; see {@link Objective#weighted()} for the
 *     objectives that take weights
 */
public record SearchConfig(
    List<PrivacyModel> models,
    double maxSuppression,
    Objective objective,
    List<Integer> maxLevels,
    List<Double> weights) {

  public SearchConfig(List<PrivacyModel> models, double maxSuppression, Objective objective) {
    this(models, maxSuppression, objective, List.of());
  }

  public SearchConfig(
      List<PrivacyModel> models,
      double maxSuppression,
      Objective objective,
      List<Integer> maxLevels) {
    this(models, maxSuppression, objective, maxLevels, List.of());
  }

  public SearchConfig {
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(objective, "objective");
    if (models.isEmpty()) {
      throw new IllegalArgumentException("Invalid privacy models: [] (need at least one)");
    }
    models = List.copyOf(models);
    maxLevels = List.copyOf(Objects.requireNonNull(maxLevels, "maxLevels"));
    weights = List.copyOf(Objects.requireNonNull(weights, "weights"));
    for (Double w : weights) {
      if (!(w > 0.0 && Double.isFinite(w))) {
        throw new IllegalArgumentException(
            "Invalid weights " + weights + ": " + w + " (each must be finite and > 0)");
      }
    }
    if (!objective.weighted() && weights.stream().anyMatch(w -> w != 1.0)) {
      throw new IllegalArgumentException(
          "Invalid weights " + weights + ": " + objective.whyNotWeighted());
    }
    if (!(maxSuppression >= 0.0 && maxSuppression <= 1.0)) {
      throw new IllegalArgumentException(
          "Invalid maxSuppression: " + maxSuppression + " (must be in [0, 1])");
    }
  }

  /** k-anonymity alone, minimizing {@link Objective#LOSS}. */
  public static SearchConfig kAnonymity(int k, double maxSuppression) {
    return new SearchConfig(List.of(new KAnonymity(k)), maxSuppression, Objective.LOSS);
  }

  /** The caps as the search takes them, or null when there are none. */
  int[] maxLevelArray() {
    return maxLevels.isEmpty() ? null : maxLevels.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The weights as the metrics take them, or null when there are none or all are 1 (then the
   * objective is computed exactly as without weights). Checked against the number of
   * quasi-identifiers {@code q}.
   */
  double[] weightArray(int q) {
    if (!weights.isEmpty() && weights.size() != q) {
      throw new IllegalArgumentException(
          "Invalid weights "
              + weights
              + ": "
              + weights.size()
              + " weights for "
              + q
              + " quasi-identifiers");
    }
    if (weights.stream().allMatch(w -> w == 1.0)) {
      return null;
    }
    return weights.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The models' descriptions, e.g. {@code k-anonymity (k=5), distinct-l-diversity (l=2)}. */
  public String describeModels() {
    return models.stream().map(PrivacyModel::describe).collect(Collectors.joining(", "));
  }
}
