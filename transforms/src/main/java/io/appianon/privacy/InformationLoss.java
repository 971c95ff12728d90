package io.appianon.privacy;

import io.appianon.hierarchy.Hierarchy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Information-loss metrics of lattice nodes, computed from the frequency table's per-(attribute,
 * level, label) counts and the suppressed records per label, never from rows.
 *
 * <ul>
 *   <li>Generalization intensity: level / max level per attribute, and their mean.
 *   <li>Loss: V. S. Iyengar, "Transforming data to satisfy privacy constraints", KDD 2002 (the LM
 *       metric).
 *   <li>Discernibility: R. J. Bayardo, R. Agrawal, "Data privacy through optimal k-anonymization",
 *       ICDE 2005.
 *   <li>Average equivalence class size: K. LeFevre, D. J. DeWitt, R. Ramakrishnan, "Mondrian
 *       multidimensional k-anonymity", ICDE 2006.
 *   <li>Non-uniform entropy: A. Gionis, T. Tassa, "k-Anonymization with minimal loss of
 *       information", IEEE TKDE 21(2), 2009.
 *   <li>Precision: L. Sweeney, "Achieving k-anonymity privacy protection using generalization and
 *       suppression", IJUFKS 10(5), 2002.
 * </ul>
 *
 * <p><b>Monotonicity (verified, and relied on by the search).</b> With hierarchies that are trees,
 * a label's group at level l+1 contains its group at level l, so without suppression every record's
 * cost is non-decreasing when any attribute is generalized: loss (group size and range grow),
 * non-uniform entropy ({@code P(x|g)} shrinks as g grows), precision and intensity (levels grow),
 * discernibility and average class size (classes merge). The constructor checks the per-label
 * inequality for loss and entropy. With suppression the metrics are not monotone: a record
 * suppressed at a node costs the maximum, and may cost less at a successor that keeps it. The
 * search therefore prunes with lower bounds that are monotone: for loss, entropy, precision and
 * intensity the value of the node without suppression (separable per attribute, so computed without
 * rolling up); for discernibility the sum of squared sizes of all classes; for average class size,
 * with a zero suppression limit, records / all classes / k.
 *
 * <p><b>Attribute weights</b> ({@link Objective}, "Attribute weights") multiply each attribute's
 * term by a positive constant, so the weighted objectives keep both properties: monotone without
 * suppression, and bounded from below by the value without suppression. {@link #metrics} stays
 * unweighted; only {@link #value} and the bounds take them.
 */
public final class InformationLoss {
  private final RollUp rollUp;
  private final List<QuasiIdentifier> qis;
  private final long n;
  private final double log2n;

  /** cnt[a][l][g]: input records whose value generalizes to label g. */
  private final long[][][] cnt;

  /** weight[a][l][g]: Iyengar's per-record loss of label g. */
  private final double[][][] weight;

  /** log2cnt[a][l][g]. */
  private final double[][][] log2cnt;

  /** ent0[a] = sum over level-0 labels of cnt * log2 cnt. */
  private final double[] ent0;

  private final double entropyTop;

  InformationLoss(RollUp rollUp) {
    this.rollUp = rollUp;
    FrequencyTable table = rollUp.table;
    this.qis = table.qis();
    this.n = table.totalRecords();
    this.log2n = n == 0 ? 0.0 : log2(n);
    int q = rollUp.q;
    cnt = new long[q][][];
    weight = new double[q][][];
    log2cnt = new double[q][][];
    ent0 = new double[q];
    double top = 0.0;
    for (int a = 0; a < q; a++) {
      int height = rollUp.heights[a];
      cnt[a] = new long[height][];
      weight[a] = new double[height][];
      log2cnt[a] = new double[height][];
      for (int l = 0; l < height; l++) {
        int labels = rollUp.labelCount(a, l);
        long[] c = new long[labels];
        for (int row = 0; row < rollUp.rows; row++) {
          c[rollUp.label(a, l, row)] += table.count(row);
        }
        cnt[a][l] = c;
        double[] lg = new double[labels];
        for (int g = 0; g < labels; g++) {
          lg[g] = c[g] == 0 ? 0.0 : log2(c[g]);
        }
        log2cnt[a][l] = lg;
        weight[a][l] = weights(a, l);
      }
      double e = 0.0;
      for (int g = 0; g < cnt[a][0].length; g++) {
        e += cnt[a][0][g] * log2cnt[a][0][g];
      }
      ent0[a] = e;
      top += n * log2n - e;
      checkMonotone(a);
    }
    this.entropyTop = top;
  }

  /**
   * Loss metrics of a frequency table's nodes (without suppression, see {@link #metrics(List)}).
   */
  public static InformationLoss of(FrequencyTable table) {
    return new InformationLoss(new RollUp(table));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2.0);
  }

  /**
   * Iyengar's weight of every label of attribute a at level l, over the hierarchy's and the data's
   * values.
   */
  private double[] weights(int a, int l) {
    QuasiIdentifier qi = qis.get(a);
    Hierarchy h = qi.hierarchy();
    Set<String> domain = new HashSet<>(h.values());
    domain.addAll(rollUp.table.domain(a));
    Map<String, Integer> groupSize = new HashMap<>();
    Map<String, double[]> range = new HashMap<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (String v : domain) {
      String label = h.generalize(v, l);
      groupSize.merge(label, 1, Integer::sum);
      if (qi.numeric()) {
        double x = parse(v);
        if (!Double.isNaN(x)) {
          min = Math.min(min, x);
          max = Math.max(max, x);
          double[] r = range.computeIfAbsent(label, k -> new double[] {x, x});
          r[0] = Math.min(r[0], x);
          r[1] = Math.max(r[1], x);
        }
      }
    }
    String[] labels = rollUp.labels[a][l];
    double[] w = new double[labels.length];
    int m = domain.size();
    for (int g = 0; g < labels.length; g++) {
      if (l == 0) {
        w[g] = 0.0;
      } else if (l == h.maxLevel()) {
        w[g] = 1.0;
      } else if (qi.numeric() && range.containsKey(labels[g]) && max > min) {
        double[] r = range.get(labels[g]);
        w[g] = (r[1] - r[0]) / (max - min);
      } else {
        w[g] = m <= 1 ? 0.0 : (groupSize.getOrDefault(labels[g], 1) - 1.0) / (m - 1.0);
      }
    }
    return w;
  }

  private static double parse(String v) {
    if (v == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Each value's loss weight and label count must not decrease from one level to the next. */
  private void checkMonotone(int a) {
    int d = rollUp.table.domainSize(a);
    int[][] gen = rollUp.gen[a];
    for (int l = 0; l + 1 < gen.length; l++) {
      for (int v = 0; v < d; v++) {
        int g = gen[l][v];
        int up = gen[l + 1][v];
        if (weight[a][l + 1][up] < weight[a][l][g] || cnt[a][l + 1][up] < cnt[a][l][g]) {
          throw new IllegalArgumentException(
              "Hierarchy '"
                  + qis.get(a).hierarchy().name()
                  + "': loss is not monotone from level "
                  + l
                  + " ('"
                  + rollUp.labels[a][l][g]
                  + "') to level "
                  + (l + 1)
                  + " ('"
                  + rollUp.labels[a][l + 1][up]
                  + "')");
        }
      }
    }
  }

  /** The metrics of a node without suppression. */
  public LossMetrics metrics(List<Integer> levels) {
    int[] lv = levels.stream().mapToInt(Integer::intValue).toArray();
    new Lattice(rollUp.heights).index(lv);
    rollUp.rollUp(lv, false);
    long sq = 0;
    for (int c = 0; c < rollUp.classes; c++) {
      sq += rollUp.count[c] * rollUp.count[c];
    }
    return metrics(
        new NodeStats(lv, rollUp.classes, rollUp.classes, 0, 0, minCount(), sq, sq, null), 1);
  }

  private long minCount() {
    long m = Long.MAX_VALUE;
    for (int c = 0; c < rollUp.classes; c++) {
      m = Math.min(m, rollUp.count[c]);
    }
    return rollUp.classes == 0 ? 0 : m;
  }

  /** All metrics of an assessed node. */
  LossMetrics metrics(NodeStats st, long kRef) {
    int q = rollUp.q;
    Map<String, Double> intensity = new LinkedHashMap<>();
    Map<String, Double> loss = new LinkedHashMap<>();
    for (int a = 0; a < q; a++) {
      String name = qis.get(a).column();
      intensity.put(name, intensity(a, st.levels()[a]));
      loss.put(name, loss(a, st.levels()[a], st.suppressedByLabel(), st.suppressed()));
    }
    double nue = nonUniformEntropy(st.levels(), null, st.suppressedByLabel(), st.suppressed());
    return new LossMetrics(
        intensity,
        intensity(st.levels(), null),
        loss,
        loss(st.levels(), null, st.suppressedByLabel(), st.suppressed()),
        discernibility(st),
        averageClassSize(st, kRef),
        nue,
        entropyTop == 0 ? 0.0 : nue / entropyTop,
        precisionLoss(st.levels(), null, st.suppressed()),
        arxAverageClassSize(st),
        arxLoss(st.levels(), null, st.suppressedByLabel(), st.suppressed()),
        unweightedHeight(st.levels()));
  }

  /**
   * The objective's value of an assessed node, with the attribute weights {@code w} (one per
   * quasi-identifier, each > 0; null: all 1, the unweighted value). See {@link Objective} for how
   * each objective takes them.
   */
  double value(Objective objective, double[] w, NodeStats st, long kRef) {
    return objective.value(this, w, st, kRef);
  }

  /**
   * Whether {@link #cheapBound} is available (the metric is separable per attribute without
   * suppression).
   */
  static boolean hasCheapBound(Objective objective) {
    return objective.hasCheapBound();
  }

  /** The objective's lower bound from the levels alone ({@link Objective#cheapBound}). */
  double cheapBound(Objective objective, double[] w, int[] levels) {
    return objective.cheapBound(this, w, levels);
  }

  /** The objective's lower bound at every feasible successor ({@link Objective#successorBound}). */
  double successorBound(
      Objective objective, double[] w, NodeStats st, long kRef, boolean zeroLimit) {
    return objective.successorBound(this, w, st, kRef, zeroLimit);
  }

  /** The number of records. */
  long records() {
    return n;
  }

  private double intensity(int a, int level) {
    int max = rollUp.heights[a] - 1;
    return (double) level / max;
  }

  /**
   * Attribute a's weight: 1 without weights (and 1.0 * x == x, so the unweighted sums are
   * unchanged).
   */
  private static double weight(double[] w, int a) {
    return w == null ? 1.0 : w[a];
  }

  /**
   * The weights' sum, the denominator of a weighted mean: the number of attributes without weights.
   */
  private static double weightSum(double[] w, int q) {
    if (w == null) {
      return q;
    }
    double sum = 0.0;
    for (double x : w) {
      sum += x;
    }
    return sum;
  }

  /**
   * Attribute a's weight in a weighted sum, as ARX normalizes it: w_a / max w (1 without weights).
   */
  private static double sumWeight(double[] w, int a) {
    if (w == null) {
      return 1.0;
    }
    double max = 0.0;
    for (double x : w) {
      max = Math.max(max, x);
    }
    return w[a] / max;
  }

  double intensity(int[] levels, double[] w) {
    double sum = 0.0;
    for (int a = 0; a < levels.length; a++) {
      sum += weight(w, a) * intensity(a, levels[a]);
    }
    return sum / weightSum(w, levels.length);
  }

  private double loss(int a, int level, long[][] suppByLabel, long suppressed) {
    if (n == 0) {
      return 0.0;
    }
    long[] c = cnt[a][level];
    double[] w = weight[a][level];
    long[] supp = suppByLabel == null ? null : suppByLabel[a];
    double sum = 0.0;
    for (int g = 0; g < c.length; g++) {
      long kept = supp == null ? c[g] : c[g] - supp[g];
      sum += kept * w[g];
    }
    return (sum + suppressed) / n;
  }

  double loss(int[] levels, double[] w, long[][] suppByLabel, long suppressed) {
    double sum = 0.0;
    for (int a = 0; a < levels.length; a++) {
      sum += weight(w, a) * loss(a, levels[a], suppByLabel, suppressed);
    }
    return sum / weightSum(w, levels.length);
  }

  double nonUniformEntropy(int[] levels, double[] w, long[][] suppByLabel, long suppressed) {
    double total = 0.0;
    for (int a = 0; a < levels.length; a++) {
      long[] c = cnt[a][levels[a]];
      double[] lg = log2cnt[a][levels[a]];
      long[] supp = suppByLabel == null ? null : suppByLabel[a];
      double sum = 0.0;
      for (int g = 0; g < c.length; g++) {
        long kept = supp == null ? c[g] : c[g] - supp[g];
        sum += kept * lg[g];
      }
      total += sumWeight(w, a) * (sum + suppressed * log2n - ent0[a]);
    }
    return total;
  }

  double precisionLoss(int[] levels, double[] w, long suppressed) {
    if (n == 0) {
      return 0.0;
    }
    double sum = 0.0;
    for (int a = 0; a < levels.length; a++) {
      int max = rollUp.heights[a] - 1;
      sum +=
          weight(w, a)
              * (((double) (n - suppressed) * levels[a] + (double) suppressed * max) / max);
    }
    return sum / ((double) n * weightSum(w, levels.length));
  }

  long discernibility(NodeStats st) {
    return st.sumSquaresKept() + st.suppressed() * n;
  }

  private static double averageClassSize(NodeStats st, long kRef, long n) {
    return st.keptClasses() == 0
        ? Double.POSITIVE_INFINITY
        : ((double) (n - st.suppressed()) / st.keptClasses()) / kRef;
  }

  /**
   * ARX: records / (kept classes + 1 when any record is suppressed); infinite when there is no
   * class.
   */
  double arxAverageClassSize(NodeStats st) {
    long classes = st.keptClasses() + (st.suppressed() > 0 ? 1 : 0);
    return classes == 0 ? Double.POSITIVE_INFINITY : (double) n / classes;
  }

  /**
   * ARX's loss: the per-attribute losses combined by the geometric mean of {@code 1 + L}, minus 1.
   * Each attribute's loss only grows with suppression, and the combination is monotone in each, so
   * the value without suppression bounds it from below as for {@link Objective#LOSS}.
   */
  double arxLoss(int[] levels, double[] w, long[][] suppByLabel, long suppressed) {
    double logSum = 0.0;
    for (int a = 0; a < levels.length; a++) {
      logSum += weight(w, a) * Math.log1p(loss(a, levels[a], suppByLabel, suppressed));
    }
    return levels.length == 0 ? 0.0 : Math.expm1(logSum / weightSum(w, levels.length));
  }

  /** ARX's height: the sum of the levels (suppression does not change it). */
  private static long unweightedHeight(int[] levels) {
    long sum = 0;
    for (int l : levels) {
      sum += l;
    }
    return sum;
  }

  /**
   * ARX's height with weights: the sum of (w_a / max w) * level; the plain sum of levels without
   * weights.
   */
  static double height(int[] levels, double[] w) {
    if (w == null) {
      return unweightedHeight(levels);
    }
    double sum = 0.0;
    for (int a = 0; a < levels.length; a++) {
      sum += sumWeight(w, a) * levels[a];
    }
    return sum;
  }

  double averageClassSize(NodeStats st, long kRef) {
    return averageClassSize(st, kRef, n);
  }
}
