package io.appianon.privacy;

/**
 * The information-loss metric the lattice search minimizes. Ties (within a relative 1e-9) are
 * broken by the lower sum of levels, then by the lexicographically smaller level vector, so the
 * answer is deterministic.
 *
 * <p>The default is {@link #LOSS}: it weighs each attribute by how much of its domain a generalized
 * value covers, is comparable across attributes, and has a cheap lower bound that makes the search
 * prune well. All metrics are monotone (non-decreasing) along generalization when nothing is
 * suppressed; with suppression none is, except {@link #GENERALIZATION_INTENSITY}, because a record
 * suppressed at a node and kept at a more general one costs less there. {@link LatticeSearch}
 * therefore prunes with lower bounds that are monotone (see {@link InformationLoss}).
 *
 * <p>ARX-compatible options ({@link #LOSS_ARX}, {@link #AVERAGE_CLASS_SIZE_ARX}, {@link #HEIGHT})
 * define the value as ARX 3.9 does. ARX's tie order is not fully reproducible: its FLASH search
 * keeps the first anonymous node it checks with the lowest loss and replaces it only by one with
 * lower loss, or equal loss on a lower lattice level (sum of levels); among nodes equal in both,
 * the winner depends on ARX's traversal order, where this search takes the lexicographically
 * smaller level vector.
 *
 * <p><b>Attribute weights</b> (the policy's {@code weight} per quasi-identifier, {@link
 * SearchConfig#weights()}; 1 by default) say which attributes the analyst needs most. The
 * objectives that combine per-attribute values take them ({@link #weighted()}): {@link #LOSS},
 * {@link #PRECISION_LOSS} and {@link #GENERALIZATION_INTENSITY} become the weighted mean {@code
 * sum(w_a x_a) / sum(w_a)}; {@link #LOSS_ARX} the weighted geometric mean {@code exp(sum(w_a ln(1 +
 * L_a)) / sum(w_a)) - 1}; the sums {@link #NON_UNIFORM_ENTROPY} and {@link #HEIGHT} become {@code
 * sum((w_a / max w) x_a)} as in ARX (its SUM aggregate with weights normalized by the largest).
 * Equal weights give the unweighted value for the means (exactly when all are 1) and rank nodes as
 * without weights for the sums. The weighted means rank nodes as ARX's arithmetic-mean aggregate
 * with the same attribute weights does. ARX's weighted geometric mean multiplies each {@code 1 +
 * L_a} by its weight, which scales every node's value by the same factor: in ARX weights do not
 * change the optimum of its loss, so an ARX run of {@code loss-arx} with weights is reproduced here
 * by {@code loss-arx} without them. Weights are positive, so every weighted objective is still a
 * positive combination of per-attribute values that grow with generalization and with suppression:
 * the search's lower bounds stay valid. {@link #DISCERNIBILITY}, {@link #AVERAGE_CLASS_SIZE} and
 * {@link #AVERAGE_CLASS_SIZE_ARX} measure equivalence classes, not attributes, and refuse weights
 * other than 1.
 */
public enum Objective {
  /** Iyengar's loss metric averaged over attributes ({@link LossMetrics#loss()}). */
  LOSS {
    @Override
    double value(InformationLoss il, double[] w, NodeStats st, long kRef) {
      return il.loss(st.levels(), w, st.suppressedByLabel(), st.suppressed());
    }

    @Override
    double cheapBound(InformationLoss il, double[] w, int[] levels) {
      return il.loss(levels, w, null, 0);
    }

    @Override
    public double value(LossMetrics m) {
      return m.loss();
    }
  },
  /** Non-uniform entropy in bits (Gionis and Tassa). */
  NON_UNIFORM_ENTROPY {
    @Override
    double value(InformationLoss il, double[] w, NodeStats st, long kRef) {
      return il.nonUniformEntropy(st.levels(), w, st.suppressedByLabel(), st.suppressed());
    }

    @Override
    double cheapBound(InformationLoss il, double[] w, int[] levels) {
      return il.nonUniformEntropy(levels, w, null, 0);
    }

    @Override
    public double value(LossMetrics m) {
      return m.nonUniformEntropy();
    }
  },
  /** Discernibility (Bayardo and Agrawal). */
  DISCERNIBILITY {
    @Override
    double value(InformationLoss il, double[] w, NodeStats st, long kRef) {
      return il.discernibility(st);
    }

    @Override
    double successorBound(
        InformationLoss il, double[] w, NodeStats st, long kRef, boolean zeroLimit) {
      return st.sumSquaresAll();
    }

    @Override
    public double value(LossMetrics m) {
      return m.discernibility();
    }
  },
  /** Average equivalence class size (LeFevre, DeWitt and Ramakrishnan). */
  AVERAGE_CLASS_SIZE {
    @Override
    double value(InformationLoss il, double[] w, NodeStats st, long kRef) {
      return il.averageClassSize(st, kRef);
    }

    @Override
    double successorBound(
        InformationLoss il, double[] w, NodeStats st, long kRef, boolean zeroLimit) {
      // with no suppression allowed a feasible successor keeps every record in at most as many
      // classes
      return zeroLimit && st.classes() > 0
          ? ((double) il.records() / st.classes()) / kRef
          : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double value(LossMetrics m) {
      return m.averageClassSize();
    }
  },
  /** One minus Sweeney's precision. */
  PRECISION_LOSS {
    @Override
    double value(InformationLoss il, double[] w, NodeStats st, long kRef) {
      return il.precisionLoss(st.levels(), w, st.suppressed());
    }

    @Override
    double cheapBound(InformationLoss il, double[] w, int[] levels) {
      return il.precisionLoss(levels, w, 0);
    }

    @Override
    public double value(LossMetrics m) {
      return m.precisionLoss();
    }
  },
  /** Mean of level / max level over attributes. */
  GENERALIZATION_INTENSITY {
    @Override
    double value(InformationLoss il, double[] w, NodeStats st, long kRef) {
      return il.intensity(st.levels(), w);
    }

    @Override
    double cheapBound(InformationLoss il, double[] w, int[] levels) {
      return il.intensity(levels, w);
    }

    @Override
    public double value(LossMetrics m) {
      return m.intensity();
    }
  },
  /**
   * ARX's loss: the per-attribute losses of {@link #LOSS} combined by the geometric mean of (1 +
   * L), minus 1.
   */
  LOSS_ARX {
    @Override
    double value(InformationLoss il, double[] w, NodeStats st, long kRef) {
      return il.arxLoss(st.levels(), w, st.suppressedByLabel(), st.suppressed());
    }

    @Override
    double cheapBound(InformationLoss il, double[] w, int[] levels) {
      return il.arxLoss(levels, w, null, 0);
    }

    @Override
    public double value(LossMetrics m) {
      return m.arxLoss();
    }
  },
  /**
   * ARX's average class size: records / (kept classes + 1 when any record is suppressed), not
   * divided by k.
   */
  AVERAGE_CLASS_SIZE_ARX {
    @Override
    double value(InformationLoss il, double[] w, NodeStats st, long kRef) {
      return il.arxAverageClassSize(st);
    }

    @Override
    double successorBound(
        InformationLoss il, double[] w, NodeStats st, long kRef, boolean zeroLimit) {
      return zeroLimit && st.classes() > 0
          ? (double) il.records() / st.classes()
          : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double value(LossMetrics m) {
      return m.arxAverageClassSize();
    }
  },
  /**
   * ARX's height: the sum of the levels (not normalized, unlike {@link #GENERALIZATION_INTENSITY}).
   */
  HEIGHT {
    @Override
    double value(InformationLoss il, double[] w, NodeStats st, long kRef) {
      return InformationLoss.height(st.levels(), w);
    }

    @Override
    double cheapBound(InformationLoss il, double[] w, int[] levels) {
      return InformationLoss.height(levels, w);
    }

    @Override
    public double value(LossMetrics m) {
      return m.height();
    }
  };

  /**
   * The objective's value of an assessed node, with the attribute weights {@code w} (one per
   * quasi-identifier, each > 0; null: all 1, the unweighted value).
   */
  abstract double value(InformationLoss il, double[] w, NodeStats st, long kRef);

  /**
   * A lower bound of the value at this node and every successor, from the levels alone: the value
   * without suppression, bitwise equal to {@link #value(InformationLoss, double[], NodeStats,
   * long)} when nothing is suppressed. Negative infinity when the objective has none (it is not
   * separable per attribute).
   */
  double cheapBound(InformationLoss il, double[] w, int[] levels) {
    return Double.NEGATIVE_INFINITY;
  }

  /**
   * Whether {@link #cheapBound} is available: for the objectives that combine per-attribute values
   * (those that take weights), which are separable per attribute when nothing is suppressed.
   */
  final boolean hasCheapBound() {
    return weighted();
  }

  /**
   * A lower bound of the value at every feasible successor of an assessed node (and at the node
   * itself if it is feasible). {@code zeroLimit}: no record may be suppressed.
   */
  double successorBound(
      InformationLoss il, double[] w, NodeStats st, long kRef, boolean zeroLimit) {
    return cheapBound(il, w, st.levels());
  }

  /**
   * The value minimized for this objective (unweighted: {@link LossMetrics} holds the unweighted
   * figures).
   */
  public abstract double value(LossMetrics m);

  /** Why {@link #DISCERNIBILITY} and the class-size objectives refuse weights. */
  static final String NOT_WEIGHTED =
      "measures equivalence classes, not attributes, so a weight cannot steer it"
          + " (weights apply to loss, precision-loss, generalization-intensity, non-uniform-entropy, loss-arx and"
          + " height)";

  /**
   * Whether the policy's attribute weights apply (see the class comment); the others refuse weights
   * other than 1.
   */
  public boolean weighted() {
    return this != DISCERNIBILITY && this != AVERAGE_CLASS_SIZE && this != AVERAGE_CLASS_SIZE_ARX;
  }

  /** Why this objective refuses weights, for a policy error; empty when it takes them. */
  public String whyNotWeighted() {
    return weighted() ? "" : "objective " + configName() + " " + NOT_WEIGHTED;
  }

  /** The configuration name, e.g. {@code loss-arx}. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a configuration name such as {@code loss}, {@code non-uniform-entropy}, {@code
   * discernibility}.
   */
  public static Objective parse(String name) {
    for (Objective o : values()) {
      if (o.name().replace('_', '-').equalsIgnoreCase(name.strip())) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "Unknown objective '"
            + name
            + "' (expected one of loss, "
            + "non-uniform-entropy, discernibility, average-class-size, precision-loss, generalization-intensity, "
            + "loss-arx, average-class-size-arx, height)");
  }
}
