package io.appianon.privacy;

/**
 * The information-loss metric the lattice search minimizes. Ties (within a relative 1e-9) are broken by the lower
 * sum of levels, then by the lexicographically smaller level vector, so the answer is deterministic.
 *
 * <p>The default is {@link #LOSS}: it weighs each attribute by how much of its domain a generalized value covers,
 * is comparable across attributes, and has a cheap lower bound that makes the search prune well. All metrics are
 * monotone (non-decreasing) along generalization when nothing is suppressed; with suppression none is, except
 * {@link #GENERALIZATION_INTENSITY}, because a record suppressed at a node and kept at a more general one costs less
 * there. {@link LatticeSearch} therefore prunes with lower bounds that are monotone (see {@link InformationLoss}).
 */
public enum Objective {
  /** Iyengar's loss metric averaged over attributes ({@link LossMetrics#loss()}). */
  LOSS,
  /** Non-uniform entropy in bits (Gionis and Tassa). */
  NON_UNIFORM_ENTROPY,
  /** Discernibility (Bayardo and Agrawal). */
  DISCERNIBILITY,
  /** Average equivalence class size (LeFevre, DeWitt and Ramakrishnan). */
  AVERAGE_CLASS_SIZE,
  /** One minus Sweeney's precision. */
  PRECISION_LOSS,
  /** Mean of level / max level over attributes. */
  GENERALIZATION_INTENSITY;

  /** The value minimized for this objective. */
  public double value(LossMetrics m) {
    return switch (this) {
      case LOSS -> m.loss();
      case NON_UNIFORM_ENTROPY -> m.nonUniformEntropy();
      case DISCERNIBILITY -> m.discernibility();
      case AVERAGE_CLASS_SIZE -> m.averageClassSize();
      case PRECISION_LOSS -> m.precisionLoss();
      case GENERALIZATION_INTENSITY -> m.intensity();
    };
  }

  /** Parses a configuration name such as {@code loss}, {@code non-uniform-entropy}, {@code discernibility}. */
  public static Objective parse(String name) {
    for (Objective o : values()) {
      if (o.name().replace('_', '-').equalsIgnoreCase(name.strip())) {
        return o;
      }
    }
    throw new IllegalArgumentException("Unknown objective '" + name + "' (expected one of loss, "
        + "non-uniform-entropy, discernibility, average-class-size, precision-loss, generalization-intensity)");
  }
}
