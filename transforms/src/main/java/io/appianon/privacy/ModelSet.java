package io.appianon.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * The models of one search configuration, ordered so that the monotone subset comes first
 * (package-private). For a suppression limit of zero the monotone subset is the models with {@link
 * PrivacyModel#isMonotonic()}; otherwise those with {@link
 * PrivacyModel#isMonotonicWithSuppression()}. "Records suppressed by the monotone subset at most
 * the limit" is then a monotone predicate over the lattice, which predictive tagging uses; it is
 * implied by feasibility (the full set suppresses at least those records).
 */
final class ModelSet {
  final PrivacyModel[] models;
  final int monotoneCount;
  final boolean usesSensitive;

  /** Largest number of suppressed records allowed. */
  final long allowed;

  /** The class size the models guarantee (k), for the average class size metric. */
  final long kRef;

  ModelSet(SearchConfig config, long totalRecords, SensitiveContext context) {
    this.allowed = (long) Math.floor(config.maxSuppression() * totalRecords + 1e-9);
    List<PrivacyModel> mono = new ArrayList<>();
    List<PrivacyModel> rest = new ArrayList<>();
    boolean sens = false;
    long k = 1;
    for (PrivacyModel m : config.models()) {
      if (m.usesSensitive() && context.isEmpty()) {
        throw new IllegalArgumentException(
            "Privacy model "
                + m.describe()
                + " needs a sensitive attribute, but none is configured");
      }
      boolean monotone = allowed == 0 ? m.isMonotonic() : m.isMonotonicWithSuppression();
      (monotone ? mono : rest).add(m);
      sens |= m.usesSensitive();
      k = Math.max(k, m.minimumClassSize());
    }
    this.monotoneCount = mono.size();
    mono.addAll(rest);
    this.models = mono.toArray(new PrivacyModel[0]);
    this.usesSensitive = sens;
    this.kRef = k;
  }

  /** Whether the whole configuration is monotone (feasibility itself can be tagged). */
  boolean fullyMonotone() {
    return monotoneCount == models.length;
  }

  /**
   * Assesses the classes of the last roll-up. When {@code failed} is not null it receives, per
   * class, whether the class is suppressed.
   */
  NodeStats assess(RollUp r, SensitiveContext context, int[] levels, boolean[] failed) {
    int n = r.classes;
    int s = r.s;
    int kept = 0;
    long supp = 0;
    long suppMono = 0;
    long minKept = Long.MAX_VALUE;
    long sqKept = 0;
    long sqAll = 0;
    long[][] byLabel = null;
    for (int c = 0; c < n; c++) {
      long size = r.count[c];
      EquivalenceClass ec;
      if (usesSensitive) {
        long[] hist = new long[s];
        System.arraycopy(r.sensitive, c * s, hist, 0, s);
        ec = new EquivalenceClass(size, hist);
      } else {
        ec = EquivalenceClass.ofCount(size);
      }
      boolean failMono = false;
      boolean fail = false;
      for (int i = 0; i < models.length; i++) {
        if (!models[i].isSatisfied(ec, context)) {
          fail = true;
          failMono = i < monotoneCount;
          break;
        }
      }
      sqAll += size * size;
      if (failed != null) {
        failed[c] = fail;
      }
      if (fail) {
        supp += size;
        if (failMono) {
          suppMono += size;
        }
        if (byLabel == null) {
          byLabel = new long[r.q][];
          for (int a = 0; a < r.q; a++) {
            byLabel[a] = new long[r.labelCount(a, levels[a])];
          }
        }
        int row = r.rep[c];
        for (int a = 0; a < r.q; a++) {
          byLabel[a][r.label(a, levels[a], row)] += size;
        }
      } else {
        kept++;
        sqKept += size * size;
        minKept = Math.min(minKept, size);
      }
    }
    return new NodeStats(
        levels.clone(), n, kept, supp, suppMono, kept == 0 ? 0 : minKept, sqKept, sqAll, byLabel);
  }
}
