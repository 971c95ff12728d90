package io.appianon.privacy;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the lattice search looks for: the privacy models every kept class must satisfy, the largest share of
 * records that may be suppressed, and the objective to minimize.
 *
 * @param models the privacy models (at least one)
 * @param maxSuppression the suppression limit as a share of records, in [0, 1]
 * @param objective the information-loss metric to minimize
 * @param maxLevels the highest level the search may choose per quasi-identifier (in order; negative: no cap), or
 *     empty for none
 */
public record SearchConfig(List<PrivacyModel> models, double maxSuppression, Objective objective,
    List<Integer> maxLevels) {

  public SearchConfig(List<PrivacyModel> models, double maxSuppression, Objective objective) {
    this(models, maxSuppression, objective, List.of());
  }

  public SearchConfig {
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(objective, "objective");
    if (models.isEmpty()) {
      throw new IllegalArgumentException("Invalid privacy models: [] (need at least one)");
    }
    models = List.copyOf(models);
    maxLevels = List.copyOf(Objects.requireNonNull(maxLevels, "maxLevels"));
    if (!(maxSuppression >= 0.0 && maxSuppression <= 1.0)) {
      throw new IllegalArgumentException("Invalid maxSuppression: " + maxSuppression + " (must be in [0, 1])");
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

  /** The models' descriptions, e.g. {@code k-anonymity (k=5), distinct-l-diversity (l=2)}. */
  public String describeModels() {
    return models.stream().map(PrivacyModel::describe).collect(Collectors.joining(", "));
  }
}
